alias e='echo ' w='WORD' v='VALUE '
e w
e v w
e w w
