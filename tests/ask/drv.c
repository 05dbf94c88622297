/* in-process ask driver: drv DB QUESTIONS-FILE -> prints "Q\tANSWER" per line */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hersh/buf.h>
#include "store.h"
#include "ask.h"
#include "clock.h"
int main(int argc,char**argv){
	struct buf err=BUF_INIT; struct store*st=store_open(argv[1],&err); if(!st){puts(buf_str(&err));return 1;}
	int64_t now; clock_parse_iso("2026-11-20T15:30:00",19,&now);
	FILE*f=fopen(argv[2],"r"); char line[4096];
	while(fgets(line,sizeof line,f)){ line[strcspn(line,"\n")]=0; if(!*line)continue;
		struct buf out=BUF_INIT; int rc=ask_answer(st,line,(time_t)now,&out);
		for(size_t i=0;i<out.len;i++) if(out.data[i]=='\n'||out.data[i]=='\t') out.data[i]=' ';
		printf("%d\t%s\n",rc,buf_str(&out)); buf_release(&out);}
	store_close(st); return 0;}
