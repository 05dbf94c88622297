PATH=/nonexistent
ls / >/dev/null 2>&1 || echo normal-path-fails
command -p ls / >/dev/null && echo found-via-default-path
command -p getconf PATH >/dev/null && echo getconf-via-default-path
