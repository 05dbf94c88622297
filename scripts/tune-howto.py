#!/usr/bin/env python3
"""Tune (or just check) the how-to ranking weights (daemon/howto.c).

  tune-howto.py --driver DRV --db DB[,DB...] --questions TSV[,TSV...] [--search N]

DRV is a small program that answers each line of a file with ask_answer()
over a memory file (tests/ask/drv.c); each DB is a memory file with the
fixture imported and the man pages indexed (a full index, and a base-system
only one like the one the benchmark sees in its first seconds).  Prints the
accuracy of the current weights, and with --search N tries N random
perturbations and prints the best weight vectors found.
"""
import argparse
import importlib.util
import os
import random
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = [1.30, 8.08, 0.38, 0.52, 1.93, 1.56, 2.36, 5.14, 0.91, 1.71, 2.19]


def load_check(bench):
    spec = importlib.util.spec_from_file_location('score', os.path.join(bench, 'score.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.check


def rows(paths):
    out = []
    for p in paths:
        for line in open(p, encoding='utf-8'):
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 3 and parts[1] == 'howto' and not line.startswith('#'):
                out.append((parts[0], parts[2]))
    return out


def evaluate(drv, dbs, qs, weights, check, verbose=False):
    env = dict(os.environ, HERSH_HOWTO_WEIGHTS=','.join('%g' % w for w in weights))
    with tempfile.NamedTemporaryFile('w', delete=False) as f:
        f.write('\n'.join(q for q, _ in qs) + '\n')
        qfile = f.name
    ok = total = 0
    for db in dbs:
        out = subprocess.run([drv, db, qfile], capture_output=True, text=True, env=env).stdout
        answers = out.rstrip('\n').split('\n')
        for (q, exp), a in zip(qs, answers):
            rc, _, text = a.partition('\t')
            good = rc == '0' and check(exp, text)[0]
            ok += good
            total += 1
            if verbose and not good:
                print('FAIL %s: %s\n     %s' % (os.path.basename(db), q, text[:150]))
    os.unlink(qfile)
    return ok, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--driver', required=True)
    ap.add_argument('--db', required=True)
    ap.add_argument('--questions', required=True)
    ap.add_argument('--bench', default=os.path.join(HERE, '..', '..', 'shared', 'bench', 'ask'))
    ap.add_argument('--weights', default=','.join(map(str, DEFAULT)))
    ap.add_argument('--search', type=int, default=0)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    check = load_check(args.bench)
    qs = rows(args.questions.split(','))
    dbs = args.db.split(',')
    w = [float(x) for x in args.weights.split(',')]
    ok, total = evaluate(args.driver, dbs, qs, w, check, verbose=True)
    print('weights %s: %d/%d' % (w, ok, total))
    rng = random.Random(args.seed)
    best = (ok, w)
    for _ in range(args.search):
        cand = [max(0.0, x * rng.uniform(0.6, 1.5)) for x in best[1]]
        cand[2] = min(cand[2], 1.0)
        got, _ = evaluate(args.driver, dbs, qs, cand, check)
        if got > best[0]:
            best = (got, cand)
            print('better %d/%d: %s' % (got, total, ','.join('%.2f' % x for x in cand)), flush=True)
    print('best %d/%d: %s' % (best[0], total, ','.join('%.2f' % x for x in best[1])))


if __name__ == '__main__':
    main()
