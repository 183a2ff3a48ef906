#!/usr/bin/env python3
"""Extract the built-in catalog (src/main/resources/reference/catalog.csv) from Microsoft's
"Product names and service plan identifiers for licensing" CSV.

usage: python3 tools/extract-catalog.py MICROSOFT_FILE.csv [OUT.csv]

Reads the Microsoft file (Windows-1252 or UTF-8, with or without BOM), keeps the rows of the
String_Ids listed in SKUS below, in the file's own order, and writes them as UTF-8 (no BOM), CRLF,
with Microsoft's header. Cell values are copied unchanged (String_Id trimmed of trailing blanks).
"""
import csv, sys

SKUS = """
STANDARDPACK ENTERPRISEPACK ENTERPRISEPREMIUM DESKLESSPACK
SPE_E3 SPE_E5 SPE_F1 M365_F1
O365_BUSINESS_ESSENTIALS SMB_BUSINESS_ESSENTIALS O365_BUSINESS_PREMIUM SPB O365_BUSINESS OFFICESUBSCRIPTION
EMS EMSPREMIUM AAD_PREMIUM AAD_PREMIUM_P2 INTUNE_A RIGHTSMANAGEMENT ATP_ENTERPRISE THREAT_INTELLIGENCE
EXCHANGESTANDARD EXCHANGEENTERPRISE EXCHANGEDESKLESS EXCHANGEARCHIVE_ADDON
SHAREPOINTSTANDARD SHAREPOINTENTERPRISE
POWER_BI_STANDARD POWER_BI_PRO PBI_PREMIUM_PER_USER
VISIOONLINE_PLAN1 VISIOCLIENT
PROJECTESSENTIALS PROJECT_P1 PROJECTPROFESSIONAL PROJECTPREMIUM
MCOMEETADV MCOEV MCOPSTN1 MCOPSTN2 PHONESYSTEM_VIRTUALUSER TEAMS_EXPLORATORY
WIN10_VDA_E3 E3_VDA_only
FLOW_FREE FLOW_PER_USER POWERAPPS_VIRAL POWERAPPS_DEV POWERAPPS_PER_USER
WORKPLACE_ANALYTICS
""".split()


def read(path):
    raw = open(path, 'rb').read()
    for enc in ('utf-8-sig', 'cp1252'):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    raise SystemExit('cannot decode ' + path)


def main():
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else 'src/main/resources/reference/catalog.csv'
    import io
    rows = list(csv.reader(io.StringIO(read(src), newline='')))
    header, body = rows[0], rows[1:]
    wanted = set(SKUS)
    kept = [r for r in body if len(r) >= 6 and r[1].strip() in wanted]
    found = {r[1].strip() for r in kept}
    for s in SKUS:
        if s not in found:
            print('missing in source:', s, file=sys.stderr)
    with open(out, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\r\n')
        w.writerow(header)
        for r in kept:
            r = list(r[:6])
            r[1] = r[1].strip()
            w.writerow(r)
    print(f'{len(kept)} rows, {len(found)} products -> {out}')


if __name__ == '__main__':
    main()
