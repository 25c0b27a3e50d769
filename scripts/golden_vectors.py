#!/usr/bin/env python3
"""Writes instruments/golden.json: answers → expected scoring outcome for the
default instrument, computed by this second, independent implementation of
docs/instruments.md. The Rust tests (and the web app's) must agree with it.

    python3 scripts/golden_vectors.py          # rewrite the file
    python3 scripts/golden_vectors.py --check  # fail if the file is stale

Run it again only when the instrument or the rules change, and read the diff.
"""

import json
import math
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTRUMENT = ROOT / "instruments" / "default.toml"
GOLDEN = ROOT / "instruments" / "golden.json"
DOMAINS = ["social", "economic", "cultural"]


def round1(x):
    # Half away from zero, like Rust's f64::round, exactly.
    r = x * 10
    f = math.floor(r)
    return (f + 1 if r - f >= 0.5 else f) / 10


def applies(ind, age):
    if ind["about"] != "member":
        return False
    if age is None:
        return True
    return ind.get("min_age", 0) <= age <= ind.get("max_age", 10**9)


def option_for(ind, answer):
    answer = answer.strip()
    if ind["answer"] == "number":
        n = int(answer)
        return next((o for o in ind["options"] if o["min"] <= n <= o["max"]), None)
    return next((o for o in ind["options"] if o["value"] == answer), None)


def score(inst, answers):
    sums = {}
    capacities, harms, missing = [], [], []
    for ind in inst["indicators"]:
        if ind["about"] == "family":
            asked = [(None, answers["family"].get(ind["id"]))]
        else:
            asked = [(m["member"], m["answers"].get(ind["id"])) for m in answers["members"] if applies(ind, m["age"])]
        chosen = []
        for member, answer in asked:
            if answer is None:
                missing.append({"indicator": ind["id"], "member": member})
            else:
                chosen.append((member, option_for(ind, answer)))
        for member, option in chosen:
            if "capacity" in option:
                capacities.append({"indicator": ind["id"], "member": member, "critical": False})
            if "harm" in option:
                critical = bool(option["harm"].get("critical", False))
                harms.append({"indicator": ind["id"], "member": member, "critical": critical})
        if chosen:
            worst = min(float(o["score"]) for _, o in chosen)
            s, w = sums.get(ind["domain"], (0.0, 0.0))
            sums[ind["domain"]] = (s + float(ind["weight"]) * worst, w + float(ind["weight"]))
    scores = {d: round1(s / w) for d, (s, w) in sums.items()}
    tier = None
    if len(scores) == 3:
        lowest = min(scores.values())
        rules = inst["tiers"]
        if any(h["critical"] for h in harms) or lowest < rules["harmed_below"]:
            tier = "harmed"
        elif lowest < rules["at_risk_below"]:
            tier = "at_risk"
        else:
            tier = "stable"
    return {"domain_scores": scores, "tier": tier, "capacities": capacities, "harms": harms, "missing": missing}


def answer_values(ind):
    if ind["answer"] == "number":
        return [str(o["min"]) for o in ind["options"]] + [str(o["max"]) for o in ind["options"]]
    return [o["value"] for o in ind["options"]]


def vectors(inst):
    family_inds = [i for i in inst["indicators"] if i["about"] == "family"]
    member_inds = [i for i in inst["indicators"] if i["about"] == "member"]

    def family(pick):
        return {i["id"]: pick(i) for i in family_inds}

    def member(name, age, pick):
        return {"member": name, "age": age, "answers": {i["id"]: pick(i) for i in member_inds if applies(i, age)}}

    best = lambda i: max(answer_values(i), key=lambda v: option_for(i, v)["score"])
    worst = lambda i: min(answer_values(i), key=lambda v: option_for(i, v)["score"])
    out = [
        ("every answer the best", {"family": family(best), "members": [member("father", 40, best), member("son", 12, best)]}),
        ("every answer the worst", {"family": family(worst), "members": [member("mother", 35, worst), member("girl", 9, worst)]}),
        ("nothing answered yet", {"family": {}, "members": [member("only", None, lambda i: None)]}),
    ]
    out[2][1]["members"][0]["answers"] = {}
    rng = random.Random(1404)
    for n in range(40):
        pick = lambda i: rng.choice(answer_values(i))
        members = [member(f"m{k}", rng.choice([None, 3, 8, 12, 16, 17, 25, 40, 70]), pick) for k in range(rng.randint(1, 5))]
        fam = family(pick)
        # Some vectors leave a few questions open.
        if n % 5 == 4:
            for key in rng.sample(sorted(fam), 3):
                del fam[key]
        out.append((f"random {n + 1}", {"family": fam, "members": members}))
    return [{"name": name, "answers": answers, "expected": score(inst, answers)} for name, answers in out]


def main():
    inst = tomllib.loads(INSTRUMENT.read_text(encoding="utf-8"))
    golden = {
        "instrument": "default.toml",
        "note": "Written by scripts/golden_vectors.py, an independent implementation of docs/instruments.md.",
        "vectors": vectors(inst),
    }
    text = json.dumps(golden, ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        if GOLDEN.read_text(encoding="utf-8") != text:
            sys.exit("instruments/golden.json is stale: run scripts/golden_vectors.py")
        return
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"{len(golden['vectors'])} vectors written to {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
