#!/usr/bin/env python3
"""A simulated supermarket, written as an Online Retail CSV, for `cartlift eval`.

The demo shop is a gift shop where what goes together in an order says a lot. A
supermarket is the opposite case: a few staples are in most baskets whatever else is
in them, so co-purchase carries little beyond popularity. No public grocery basket
data set can be fetched on this project's machines, so this builds one with the
shape of the well-known "Groceries" set (169 products, about 4.4 items a basket,
the top product in a quarter of baskets): popularity that follows a power law,
shoppers who favour a couple of aisles, weak pairings (a product's two complements),
and aisles that drift with the seasons. Deterministic for a seed.

    scripts/grocery-shop.py OUT.csv.gz [--seed 7] [--baskets 12000]
"""
import argparse
import datetime as dt
import gzip
import math
import random

AISLES = [
    ("MILK", 14), ("BREAD", 12), ("FRUIT", 16), ("VEGETABLES", 16), ("MEAT", 12),
    ("CHEESE", 10), ("DRINKS", 14), ("BEER", 8), ("SNACKS", 12), ("FROZEN", 10),
    ("CANNED", 10), ("CLEANING", 9), ("BABY", 6), ("PET", 6), ("SPICES", 8),
]  # 169 products
# Distinct names: a shop's variants ("... RED", "... BLUE") are not what this simulates.
BRANDS = ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL", "INDIA",
          "JULIETT", "KILO", "LIMA", "MIKE", "NOVEMBER", "OSCAR", "PAPA"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--baskets", type=int, default=12000)
    a = ap.parse_args()
    rnd = random.Random(a.seed)

    products = []  # (code, name, aisle index, price)
    for ai, (aisle, n) in enumerate(AISLES):
        for i in range(n):
            products.append((f"G{ai:02d}{i:02d}", f"{aisle} {BRANDS[i]}", ai,
                             round(rnd.uniform(0.4, 6.0), 2)))
    order = list(range(len(products)))
    rnd.shuffle(order)
    # Power-law popularity: the first product in about a quarter of baskets.
    base = [0.0] * len(products)
    for rank, p in enumerate(order):
        base[p] = 1.0 / (rank + 1) ** 0.75
    complements = {p: rnd.sample([q for q in range(len(products)) if q != p], 2)
                   for p in range(len(products))}
    by_aisle = {ai: [p for p in range(len(products)) if products[p][2] == ai]
                for ai in range(len(AISLES))}
    # Seasons: each aisle's weight swings by up to ±30% over the year.
    phase = [rnd.uniform(0, 2 * math.pi) for _ in AISLES]

    def weights(month):
        return [base[p] * (1 + 0.3 * math.sin(2 * math.pi * month / 12 + phase[products[p][2]]))
                for p in range(len(products))]

    start = dt.datetime(2010, 10, 1)
    days = (dt.datetime(2011, 10, 1) - start).days
    times = sorted(start + dt.timedelta(minutes=rnd.randrange(days * 24 * 60))
                   for _ in range(a.baskets))
    customers = [(c, rnd.sample(range(len(AISLES)), 2)) for c in range(12000, 14000)]
    with gzip.open(a.out, "wt", newline="") as f:
        f.write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n")
        for n, t in enumerate(times):
            w = weights(t.month)
            customer, favourite = rnd.choice(customers)
            size = 1 + poisson(rnd, 3.4)
            basket = []
            while len(basket) < size:
                r = rnd.random()
                if r < 0.70 or not basket and r < 0.9:
                    p = rnd.choices(range(len(products)), weights=w)[0]
                elif r < 0.90:
                    aisle = by_aisle[rnd.choice(favourite)]
                    p = rnd.choices(aisle, weights=[w[q] for q in aisle])[0]
                else:
                    p = rnd.choice(complements[rnd.choice(basket)]) if basket else 0
                if p not in basket:
                    basket.append(p)
            for p in basket:
                code, name, _, price = products[p]
                f.write(f"{600000 + n},{code},{name},{rnd.randint(1, 3)},"
                        f"{t:%Y-%m-%d %H:%M:%S},{price},{customer}.0,United Kingdom\n")


def poisson(rnd, lam):
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rnd.random()
        if p < limit:
            return k
        k += 1


if __name__ == "__main__":
    main()
