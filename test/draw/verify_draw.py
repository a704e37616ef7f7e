#!/usr/bin/env python3
"""A second, independent implementation of the Flashmall draw check, written from docs/draw.md
alone (Python standard library only; no code shared with the server or tools/verify-draw.ts).

Reads the JSON of GET /api/v1/launches/:id/draw on standard input and prints one JSON object:
{"commitment_ok", "entrants_hash_ok", "arrivals_increase", "line", "line_ok", "position"} where
position is the 1-based place of the ticket given as the first argument (or null).
"""
import hashlib
import hmac
import json
import sys

TWO_48 = 1 << 48


def shuffle(seed: bytes, tickets):
    a = list(tickets)
    for i in range(len(a) - 1, 0, -1):
        m = i + 1
        limit = TWO_48 - (TWO_48 % m)
        attempt = 0
        while True:
            msg = str(i) if attempt == 0 else "%d:%d" % (i, attempt)
            mac = hmac.new(seed, msg.encode("ascii"), hashlib.sha256).digest()
            r = int.from_bytes(mac[:6], "big")
            if r < limit:
                j = r % m
                break
            attempt += 1
        a[i], a[j] = a[j], a[i]
    return a


def main():
    draw = json.load(sys.stdin)
    mine = sys.argv[1] if len(sys.argv) > 1 else None
    seed = bytes.fromhex(draw["seed"])
    entrants = draw["entrants"]
    text = "".join("%d %s\n" % (e["arrival"], e["ticket"]) for e in entrants)
    line = shuffle(seed, [e["ticket"] for e in entrants])
    out = {
        "commitment_ok": hashlib.sha256(seed).hexdigest() == draw["commitment"],
        "entrants_hash_ok": hashlib.sha256(text.encode("utf-8")).hexdigest() == draw["entrantsHash"],
        "arrivals_increase": all(entrants[k]["arrival"] < entrants[k + 1]["arrival"] for k in range(len(entrants) - 1)),
        "line": line,
        "line_ok": line == draw["line"],
        "position": (line.index(mine) + 1) if mine in line else None,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
