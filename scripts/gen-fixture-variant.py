#!/usr/bin/env python3
"""Held-out style checks for `ask`: other data, other words.

Uses the simulation and the answer computation of the shared benchmark's
generator (../shared/bench/ask/gen_fixture.py, imported, not copied) with

  * a second data variant, "alt": other people, directories, projects (a Go
    project instead of Rust), hosts, downloads, mail subjects and seed;
  * our own informal wordings of every question slot (paraphrases, typos,
    abbreviations, other word order), written without looking at the
    benchmark's hidden wordings (we never see them);
  * extra how-to, system and unanswerable questions.

Writes into --out:
  questions-paraphrase.tsv   public fixture, our wordings
  alt/fixture.jsonl          the alt fortnight
  alt/questions-control.tsv  alt fixture, the public (plain) wordings
  alt/questions.tsv          alt fixture, our wordings

Usage: python3 scripts/gen-fixture-variant.py [--bench DIR] [--out DIR]
Then:  python3 ../shared/bench/ask/score.py --shell ./hersh \\
         --fixture OUT/alt/fixture.jsonl --questions OUT/alt/questions.tsv
"""
import argparse
import datetime as dt
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_gen(bench):
    spec = importlib.util.spec_from_file_location('gen_fixture', os.path.join(bench, 'gen_fixture.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Our wordings of each slot ('%s' takes the slot's argument).
PARAPHRASE = {
    'recall.dir_yesterday': 'wat did i run yday in %s',
    'recall.last_run': 'last time i ran %s?',
    'recall.last_run2': 'when did i use %s most recently',
    'recall.ffmpeg_last_week': 'which ffmpeg cmd did i use last wk',
    'recall.where_run': 'where was i when i ran %s',
    'recall.first_yesterday': 'first thing i typed yesterday?',
    'recall.last_failed': 'what was the most recent command to fail',
    'recall.doing_at': 'what was i up to yesterday at about 3 pm',
    'recall.last_commit': 'last commit msg in %s?',
    'recall.ssh_host': 'when did i last connect to %s',
    'recall.did_run_neg': 'have i run %s today?',
    'recall.did_run_pos': 'did i do %s today',
    'recall.longest_yesterday': 'what command took the longest yday',
    'recall.start_today': 'what time did i start today',
    'recall.tar_cmd': 'the last tar i ran in downloads - what was it',
    'recall.projects_last_week': 'what projects was i working on last week',
    'recall.this_morning': 'what have i been doing in %s this mornin',
    'count.times_yesterday': 'how many make test runs did i do yesterday',
    'count.fail_week': 'how many times has %s failed this week',
    'count.avg_duration': 'avg time for make test?',
    'count.avg_duration2': 'how long does %s usually take',
    'count.most_failed_week': 'what command failed the most times this week',
    'count.most_used_week': 'my most used command this week?',
    'count.commands_today': 'how many cmds have i run today',
    'count.fail_rate': 'whats the failure rate of make test',
    'count.busiest_day': 'what was my busiest day last week',
    'count.slowest': 'slowest make ever, how long did it take',
    'count.dir_week': 'number of commands i ran in %s this week',
    'count.last_duration': 'how long did my last git push take',
    'count.sessions_yesterday': 'how many terminal sessions did i have yday',
    'files.changed_today': 'which files have i changed today',
    'files.last_edit': 'when did i last modify %s',
    'files.deleted_week': 'which files did i remove this week',
    'files.downloaded': 'what did i dl %s',
    'files.renamed': 'were any files renamed in %s?',
    'files.count_modified_week': 'how many different files have i edited this week',
    'files.most_edited_week': 'what file did i edit most this wk',
    'files.created_when': 'when was %s created',
    'files.notes_yesterday': 'did anything change in ~/notes yesterday',
    'files.touched_neg': 'have i touched %s today',
    'files.last_changed': 'most recently changed file?',
    'mail.new': 'got any unread email?',
    'mail.from': 'any mails from %s',
    'mail.about': "what's %s been emailing me about",
    'mail.when_from': 'when did i last hear from %s',
    'mail.count_yesterday': 'how many mails came in yesterday',
    'mail.who_most_week': 'who sent me the most email this week',
    'mail.unread_from_neg': 'anything unread from %s?',
    'mail.keyword': 'any email mentioning %s',
    'mail.latest': 'newest email?',
    'mail.today_senders': 'who emailed me today',
}

UNKNOWN = None  # filled from the generator

HOWTO = [
    # (our wording, plain wording, expected)
    ('how can i show hidden files with ls', 'how do I list hidden files', 'ls&&-a|--all|--almost-all'),
    ('how to unpack a tar.gz', 'how do I extract a tar.gz file', 'tar&&-x|--extract|--get|xzf|xvzf|zxf|zxvf|xf|xvf'),
    ('command to find files larger than 1G', 'how do I find files bigger than 1G', 'find&&-size'),
    ('how do i count the lines of a file', 'how do I count lines in a file', 'wc&&-l|--lines'),
    ('how do I check how big a folder is', 'how do I see how much space a directory takes',
     'du&&-s|-h|--summarize|--human-readable|-d|--max-depth'),
    ('how to grep recursively through a directory', 'how do I search for a word in all files under a directory',
     'grep&&-r|--recursive|--dereference-recursive|-R'),
    ('how can i make my script runnable', 'how do I make a script executable',
     'chmod&&+x|u+x|a+x|755|0755|744|775|700'),
    ('how to watch a log file live', 'how do I follow a log file as it grows', 'tail&&-f|--follow|-F'),
    ('how do i make a symlink', 'how do I create a symbolic link', 'ln&&-s|--symbolic'),
    ('how to sort numbers in numeric order', 'how do I sort lines numerically',
     'sort&&-n|--numeric-sort|-g|--general-numeric-sort|-h|--human-numeric-sort'),
    ('how do i copy a folder recursively', 'how do I copy a directory and everything in it',
     'cp&&-r|-R|--recursive|-a|--archive'),
    ('how to print just the first 5 lines of a file', 'how do I show only the first 5 lines of a file',
     'head&&-n|--lines|-5'),
    ('how do i create nested directories in one go', 'how do I make a directory and its parents',
     'mkdir&&-p|--parents'),
    ('how do i delete a folder and everything inside', 'how do I remove a directory and its contents',
     'rm&&-r|-R|--recursive'),
    ('how can i count words in a file', 'how do I count words in a file', 'wc&&-w|--words'),
    ('how do i see the last 20 lines of a file', 'how do I show the last 20 lines of a file',
     'tail&&-n|--lines|-20'),
    ('how to grep ignoring case', 'how do I search text ignoring case', 'grep&&-i|--ignore-case|-y'),
    ('how do i list files by modification time', 'how do I list files sorted by time', 'ls&&-t|--sort'),
    ('how to show line numbers in grep output', 'how do I show line numbers when searching with grep',
     'grep&&-n|--line-number'),
    ('how do i sort in reverse order', 'how do I sort lines in reverse', 'sort&&-r|--reverse'),
]

SYSTEM = [
    ('how full is my disk', 'how much disk space is left', '%|GB|GiB|G |MB|MiB|TB|TiB|gigabytes|megabytes|terabytes|bytes'),
    ("what's the uptime", 'how long has this machine been up',
     'up|day|days|hour|hours|hr|hrs|minute|minutes|min|mins|boot|booted'),
    ('which program is hogging the most ram', 'which process is using the most memory', '%|MB|MiB|KB|KiB|GB|GiB|pid|RSS'),
    ('how much ram is available', 'how much memory is free', 'GB|GiB|MB|MiB|KB|KiB|kB|%|free|available'),
    ("what's today's date", 'what day is it today', None),
]

DECLINE = [
    ('will it rain tomorrow', 'what will the weather be like tomorrow'),
    ("what's my wifi password", 'what is my wifi password'),
    ('what did i run in 2019', 'what did I run on 3 March 2019'),
    ('who is going to win the election', 'who will win the election'),
    ('what did mum say when she phoned', 'what did my mother say on the phone'),
    ('how many calories did i eat today', 'how many calories did I eat today'),
    ('whats my credit card number', 'what is my credit card number'),
    ('what meetings do i have next week', 'what meetings do I have next week'),
]

PERSONA = [
    ('who are you?', "what's your name", 'hersh'),
    ('pls call me Theo', 'call me Theo', 'Theo'),
    ('do you know my name', 'what is my name', 'Theo'),
]
PERSONA_LATE = [('hey there', 'hello', 'Theo')]

ALT = None


def alt_variant(gen):
    """Another fortnight: other people, projects, directories and hosts."""
    return dict(
        seed=777001,
        c_project=dict(
            name='quill', dir='code/quill', binary='./quill',
            sources=['src/cli.c', 'src/lexer.c', 'src/emit.c', 'src/net.c',
                     'include/quill.h', 'tests/test_lexer.c', 'Makefile'],
            runs=['./quill --dry-run notes.q', './quill --version',
                  './quill --emit html notes.q', './quill --lint notes.q'],
            greps=['grep -rn FIXME src/', 'grep -rn "emit_" src/', 'grep -n lex_token src/lexer.c'],
            commits=['lexer: handle tabs', 'emit: escape ampersands', 'net: retry on timeout',
                     'tests: cover empty input', 'fix leak in emit_node', 'cli: --lint flag',
                     'lexer: unicode identifiers', 'Makefile: add ubsan target'],
            debug=['gdb ./quill', 'valgrind --leak-check=full ./quill --version'],
        ),
        second_project=dict(
            kind='go', name='beacon', dir='code/beacon',
            sources=['main.go', 'server.go', 'store.go', 'handler.go', 'go.mod'],
            runs=['go run . -port 8080', './beacon --version', 'go run ./cmd/seed'],
            commits=['server: graceful shutdown', 'store: sqlite backend', 'handler: json errors',
                     'bump deps', 'cmd: seed data', 'server: request ids'],
        ),
        book=dict(
            name='harbour-lights', dir='books/harbour-lights',
            chapters=['ms/ch-10.md', 'ms/ch-11-draft.md', 'ms/ch-12.md', 'ms/ch-13.md'],
            rename=('ms/ch-11-draft.md', 'ms/ch-11.md'),
            build='pandoc ms/*.md -o out/harbour-lights.epub',
            build_fail_status=64,
            view='xdg-open out/harbour-lights.epub',
            greps=['grep -n "Ines" ms/*.md', 'grep -c "lighthouse" ms/*.md', 'grep -rn "XXX" ms/'],
            spell='aspell check ms/{ch}',
            commits=['{chn}: draft', '{chn}: trim', '{chn}: new scene', '{chn}: fix names',
                     '{chn}: cut prologue', '{chn}: tighten ending'],
        ),
        blog=dict(
            name='site', dir='www/site',
            new='hugo new posts/{slug}.md', post_path='content/posts/{slug}.md',
            serve='hugo server --disableFastRender', build='hugo --minify',
            deploy='rsync -az --delete public/ deploy@web1.example.com:/var/www/site/',
            slugs=['notes-on-go', 'small-tools', 'why-plain-text', 'lighthouse-walks'],
        ),
        notes=['notes/inbox.md', 'notes/someday.md', 'notes/books.md'],
        note_grep='grep -i urgent ~/notes/*.md',
        media=dict(
            dir='media/podcast', day=dt.date(2026, 11, 15), hour=15,
            probe='ffprobe episode12.wav',
            attempts=[
                ('ffmpeg -i episode12.wav -codec:a libmp3lame -qscale:a 2 episode12-raw.mp3', 1, 700),
                ('ffmpeg -i episode12.wav -codec:a libmp3lame -qscale:a 2 episode12.mp3', 0, 95000),
                ('ffmpeg -ss 00:01:00 -i episode12.mp3 -t 30 -c copy episode12-teaser.mp3', 0, 1200),
            ],
            outputs=['episode12.mp3', 'episode12-teaser.mp3'],
            key='episode12',
        ),
        ssh_hosts=['web1.example.com', 'admin@heron.lan'],
        mail_keyword='invoice',
        downloads=['go1.23.3.linux-amd64.tar.gz', 'fonts-bundle.zip', 'receipt-nov.pdf',
                   'lease-renewal.pdf', 'DSC_0093.jpg', 'tide-tables.png',
                   'hugo_0.139.0_linux-amd64.tar.gz', 'icons.zip', 'council-tax.pdf',
                   'budget-2027.csv', 'postgres-docs.zip', 'pier-photo.jpg'],
        people=[
            ('Priya Shah', 'priya@shah.example', 5,
             ['Lunch on Thursday?', 'Re: podcast audio', 'Photos from the pier',
              'Quiz night moved', 'Re: Lunch on Thursday?', 'Have you read this?',
              'Can I borrow your mic', 'Re: Can I borrow your mic', 'Ferry times for Sunday']),
            ('Marcus Webb', 'marcus@webb.dev', 5,
             ['quill: net timeout patch', 'Re: lexer tabs bug', 'CI broken again',
              'Release 1.2 plan', 'Review for emit.c', 'Re: CI broken again',
              'Pair on Friday?', 'Perf numbers for lexer.c', 'Re: Release 1.2 plan']),
            ('Ingrid Holm', 'ingrid@tidepress.example', 4,
             ['Harbour Lights: chapter 11 notes', 'Contract question', 'Your invoice for October',
              'Deadline for chapter 13', 'Re: Harbour Lights: chapter 11 notes', 'Book fair in May',
              'Re: Contract question', 'Jacket copy draft']),
            ('Ruth Moss', 'ruth.moss@example.net', 2,
             ['New year plans', 'Grandad\'s party', 'That soup recipe', 'Re: New year plans',
              'The plumber came']),
            ('Tomasz Nowak', 'tomasz@heron-labs.example', 2,
             ['Pi cluster for the lab', 'Re: heron disk full', 'Climbing on Saturday',
              'Sensor drift again']),
        ],
        robots=[
            ('Git Forge', 'noreply@forge.example.net', 'INBOX',
             ['[quill] Pipeline #{n} failed for main', '[beacon] New issue #{n}: panic on nil store',
              '[quill] Marcus Webb commented on #{n}', '[beacon] Pull request #{n} merged']),
            ('Slow Reads Weekly', 'weekly@lists.example.com', 'Lists',
             ['Slow Reads no. {n}: on attention', 'Slow Reads no. {n}: notebooks']),
            ('ubuntu-security-announce', 'security@lists.example.org', 'Lists',
             ['[USN 70{n}-1] OpenSSH vulnerability', '[USN 70{n}-1] libxml2 vulnerabilities']),
        ],
        name_you='Sam',
    )


def date_answer(gen):
    return 'Friday&&' + '|'.join(gen.date_alts(gen.NOW, False))


def fixed_for(gen, persona_name):
    unk = gen.UNKNOWN
    sysrows = [(a, b, c if c else date_answer(gen)) for a, b, c in SYSTEM]
    per = [(a.replace('Theo', persona_name), b.replace('Theo', persona_name), c.replace('Theo', persona_name))
           for a, b, c in PERSONA]
    late = [(a, b, c.replace('Theo', persona_name)) for a, b, c in PERSONA_LATE]
    return dict(persona=per, persona_late=late, howto=HOWTO, system=sysrows,
                unanswerable=[(a, b) for a, b in DECLINE])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bench', default=os.path.join(HERE, '..', '..', 'shared', 'bench', 'ask'))
    ap.add_argument('--out', default=os.path.join(HERE, '..', 'tests', 'ask'))
    args = ap.parse_args()
    gen = load_gen(os.path.abspath(args.bench))
    gen.PARAPHRASE.update(PARAPHRASE)
    os.makedirs(os.path.join(args.out, 'alt'), exist_ok=True)

    # the public fortnight, our wording
    public = gen.VARIANTS['public']
    gen.FIXED['public_h'] = fixed_for(gen, 'Theo')
    gen.VARIANTS['public_h'] = public
    events = gen.generate('public')
    rows = gen.build_questions('public_h', events, 'h')
    gen.write_tsv(os.path.join(args.out, 'questions-paraphrase.tsv'), rows)

    # another fortnight
    gen.VARIANTS['alt'] = alt_variant(gen)
    gen.FIXED['alt'] = fixed_for(gen, 'Sam')
    events = gen.generate('alt')
    with open(os.path.join(args.out, 'alt', 'fixture.jsonl'), 'w', encoding='utf-8') as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + '\n')
    gen.write_tsv(os.path.join(args.out, 'alt', 'questions.tsv'), gen.build_questions('alt', events, 'h'))
    gen.write_tsv(os.path.join(args.out, 'alt', 'questions-control.tsv'),
                  gen.build_questions('alt', events, 'c'))
    print('wrote %s' % args.out, file=sys.stderr)


if __name__ == '__main__':
    main()
