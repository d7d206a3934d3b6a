#!/usr/bin/env python3
"""The full UCI "Online Retail" data set (December 2010 to 9 December 2011) as a CSV
with the columns of the demo's file, for `cartlift eval --file` on the months the demo
data does not hold (October to December 2011).

The project carries only the demo's cut (to September 2011). The full set's 541,909
rows are the data of the R package `onlineretail` 0.1.2 (Allan Quadros, CRAN, 2021),
file `data/onlineretail.rda`, from CRAN or its GitHub mirror (cran/onlineretail):

    pip install rdata
    scripts/online-retail-full.py onlineretail.rda online_retail.csv
    target/debug/cartlift eval --file online_retail.csv --horizon 3 --folds 2011-07,2011-10

Same licence and attribution as the demo data (CC BY 4.0, Daqing Chen, Sai Liang Sain
and Kun Guo, UCI Machine Learning Repository).
"""

import csv
import datetime
import math
import sys
import warnings


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import rdata
    except ImportError:
        print("needs PyPI's rdata: pip install rdata", file=sys.stderr)
        return 2
    source, target = sys.argv[1], sys.argv[2]
    with warnings.catch_warnings():
        # the dates are an R class rdata does not know; they read as seconds (UTC)
        warnings.simplefilter("ignore")
        frame = next(iter(rdata.read_rda(source).values()))

    def text(v) -> str:
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    rows = 0
    with open(target, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                    "UnitPrice", "CustomerID", "Country"])
        for r in frame.itertuples(index=False):
            when = datetime.datetime.fromtimestamp(r.InvoiceDate, datetime.timezone.utc)
            customer = r.CustomerID
            customer = "" if customer is None or math.isnan(customer) else f"{customer:.1f}"
            w.writerow([r.InvoiceNo, r.StockCode, text(r.Description), int(r.Quantity),
                        when.strftime("%Y-%m-%d %H:%M:%S"), f"{r.UnitPrice:g}", customer,
                        r.Country])
            rows += 1
    print(f"{target}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
