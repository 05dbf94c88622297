alias both='echo one; echo two'
both
alias pipe='echo piped |'
pipe tr a-z A-Z
