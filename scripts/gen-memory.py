#!/usr/bin/env python3
"""Generate a large memory for the `ask` latency target: JSON lines in the
import format (../shared/bench/ask/README.md), one million commands by
default over about two years before --now, with file events and mail.

  python3 scripts/gen-memory.py [--commands N] [--now ISO] [--seed S] > big.jsonl
  hersh -c 'companion import big.jsonl'

The lines are varied the way a person's are: a few hundred programs with
realistic arguments, project directories, sessions of a few hours, failures
and durations with long tails, so that the store's indexes and the ask
engine's vocabulary see a realistic number of distinct lines (tens of
thousands), not a million copies of one.
"""
import argparse
import datetime as dt
import json
import random
import sys

HOME = '/home/user'
PROJECTS = ['src/api', 'src/web', 'src/cli', 'src/infra', 'src/ml-pipeline', 'src/docs',
            'src/parser', 'src/mobile', 'work/reports', 'work/slides', 'writing/novel',
            'writing/blog', 'notes', 'Downloads', 'tmp', 'media/photos']
FILES = ['main.c', 'util.c', 'parse.c', 'README.md', 'Makefile', 'app.py', 'server.go',
         'index.html', 'style.css', 'notes.md', 'todo.md', 'config.yaml', 'test_api.py',
         'lib.rs', 'Cargo.toml', 'package.json', 'Dockerfile', 'chapter-%d.md']
HOSTS = ['prod-1.example.com', 'build.internal', 'pi@garage.local', 'bastion.example.net']
PEOPLE = [('Ana Lima', 'ana@example.org'), ('Ben Cho', 'ben@example.com'),
          ('Cara Diaz', 'cara@example.net'), ('Dev Rao', 'dev@example.io'),
          ('CI Bot', 'ci@forge.example'), ('Weekly Digest', 'digest@lists.example')]


def templates(r):
    f = lambda: r.choice(FILES).replace('%d', str(r.randint(1, 40)))
    return [
        (30, lambda: 'git status', 0.0, (20, 200)),
        (12, lambda: 'git diff' + r.choice(['', ' --stat', ' HEAD~1']), 0.0, (50, 20000)),
        (8, lambda: 'git commit -m "%s"' % r.choice(['fix', 'wip', 'tests', 'docs', 'refactor %s' % f()]),
         0.02, (80, 900)),
        (5, lambda: 'git push', 0.06, (900, 6000)),
        (5, lambda: 'git pull', 0.05, (700, 5000)),
        (4, lambda: 'git log --oneline -%d' % r.randint(3, 20), 0.0, (30, 9000)),
        (3, lambda: 'git checkout -b feature-%d' % r.randint(1, 999), 0.1, (40, 200)),
        (25, lambda: r.choice(['ls', 'ls -la', 'll', 'ls -lt', 'ls %s' % r.choice(['src', 'tests', '..'])]),
         0.01, (2, 40)),
        (10, lambda: 'cd ' + r.choice(['..', '~', '~/' + r.choice(PROJECTS), 'src', 'tests']), 0.02, (1, 5)),
        (15, lambda: 'make' + r.choice(['', '', ' -j8', ' test', ' clean', ' install']), 0.2, (1500, 60000)),
        (8, lambda: 'vim ' + f(), 0.0, (15000, 900000)),
        (6, lambda: 'python3 ' + r.choice(['app.py', 'manage.py runserver', '-m pytest', 'scripts/etl.py']),
         0.15, (300, 120000)),
        (6, lambda: 'cargo ' + r.choice(['build', 'test', 'run', 'clippy', 'fmt']), 0.15, (2000, 90000)),
        (5, lambda: 'go ' + r.choice(['build ./...', 'test ./...', 'vet ./...', 'run .']), 0.12, (1500, 60000)),
        (5, lambda: 'npm ' + r.choice(['install', 'test', 'run build', 'run dev', 'ci']), 0.1, (3000, 120000)),
        (5, lambda: 'grep -rn %s %s' % (r.choice(['TODO', 'FIXME', 'error', 'config', 'main']),
                                         r.choice(['src/', '.', 'tests/'])), 0.2, (20, 3000)),
        (4, lambda: 'cat ' + f(), 0.02, (2, 40)),
        (3, lambda: 'less ' + f(), 0.0, (3000, 200000)),
        (3, lambda: 'ssh ' + r.choice(HOSTS), 0.1, (30000, 3600000)),
        (2, lambda: 'docker ' + r.choice(['ps', 'build -t app .', 'compose up', 'images', 'logs app']),
         0.1, (100, 200000)),
        (2, lambda: 'kubectl ' + r.choice(['get pods', 'logs -f api', 'describe pod api-%d' % r.randint(1, 9)]),
         0.1, (200, 30000)),
        (2, lambda: 'curl -s https://api.example.com/v%d/health' % r.randint(1, 3), 0.05, (100, 3000)),
        (2, lambda: r.choice(['top', 'htop', 'df -h', 'free -h', 'uptime', 'du -sh ~/Downloads']), 0.0, (3, 60000)),
        (2, lambda: 'sudo apt ' + r.choice(['update', 'upgrade', 'install jq', 'autoremove']), 0.05, (3000, 200000)),
        (2, lambda: 'tar xzf %s-%d.tar.gz' % (r.choice(['release', 'data', 'backup']), r.randint(1, 99)), 0.05,
         (200, 8000)),
        (2, lambda: 'rsync -avz %s/ %s:/srv/%s/' % (r.choice(['public', 'dist', 'build']), r.choice(HOSTS),
                                                      r.choice(['www', 'app'])), 0.08, (2000, 40000)),
        (2, lambda: 'man ' + r.choice(['tar', 'find', 'rsync', 'git-rebase', 'ssh_config', 'bash']), 0.0,
         (5000, 300000)),
        (3, lambda: r.choice(['clear', 'pwd', 'history | grep ssh', 'exit']), 0.0, (1, 30)),
        (2, lambda: 'find . -name "*.%s"' % r.choice(['py', 'c', 'md', 'log', 'tmp']), 0.02, (50, 9000)),
        (1, lambda: 'ffmpeg -i clip-%d.mov -c:v libx264 out-%d.mp4' % (r.randint(1, 99), r.randint(1, 99)), 0.1,
         (5000, 600000)),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--commands', type=int, default=1000000)
    ap.add_argument('--now', default='2026-11-20T15:30:00')
    ap.add_argument('--seed', type=int, default=42)
    args = ap.parse_args()
    r = random.Random(args.seed)
    now = dt.datetime.strptime(args.now, '%Y-%m-%dT%H:%M:%S')
    tpl = templates(r)
    weights = [t[0] for t in tpl]
    # commands per day ~ 1300 -> about two years for a million
    days = max(1, args.commands // 1300 + 1)
    t = now - dt.timedelta(days=days)
    out = sys.stdout
    n = 0
    sess = 0
    while n < args.commands:
        # a working session
        sess += 1
        cwd = HOME + '/' + r.choice(PROJECTS)
        length = r.randint(40, 300)
        for _ in range(length):
            if n >= args.commands:
                break
            _, make, fail, (lo, hi) = r.choices(tpl, weights)[0]
            line = make()
            dur = int(min(hi, lo * (1 + r.expovariate(1.0) * 3)))
            status = (r.choice([1, 2, 101, 128, 130]) if r.random() < fail else 0)
            if t >= now:
                break
            out.write(json.dumps(dict(type='command', time=t.strftime('%Y-%m-%dT%H:%M:%S'), cwd=cwd, cmd=line,
                                      status=status, duration_ms=dur, session='s%d' % sess)) + '\n')
            n += 1
            if line.startswith('cd ~/'):
                cwd = HOME + '/' + line[5:]
            if r.random() < 0.05:
                out.write(json.dumps(dict(type='file', time=t.strftime('%Y-%m-%dT%H:%M:%S'),
                                          path=cwd + '/' + r.choice(FILES).replace('%d', '1'),
                                          op=r.choice(['modify', 'modify', 'modify', 'create']))) + '\n')
            t += dt.timedelta(seconds=r.randint(3, 90) + dur // 1000)
        if r.random() < 0.3:
            p = r.choice(PEOPLE)
            out.write(json.dumps({'type': 'mail', 'time': t.strftime('%Y-%m-%dT%H:%M:%S'),
                                  'from': '%s <%s>' % p, 'subject': 'Re: item %d' % r.randint(1, 5000),
                                  'mailbox': 'INBOX', 'read': r.random() < 0.9}) + '\n')
        t += dt.timedelta(minutes=r.randint(20, 600))
        if t >= now:
            t = now - dt.timedelta(days=r.randint(1, days))
    print('%d commands' % n, file=sys.stderr)


if __name__ == '__main__':
    main()
