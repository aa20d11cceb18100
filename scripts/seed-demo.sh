#!/usr/bin/env bash
# Seeds demo data through the PUBLIC API only (the same routes a portal uses), so it stays in step with the API:
# revenue rows around the 100,000 USD threshold, and offers of each kind with documents and contacts.
# Usage: scripts/seed-demo.sh http://localhost:7071
# Needs the keys run.sh exports: PartnerAuth__Partners__contoso, PartnerAuth__Partners__fabrikam, PartnerAuth__AdminKey.
# Safe to run again: an offer that already exists is left as it is.
set -euo pipefail
SITE="${1:-http://localhost:7071}"
CONTOSO_KEY="${PartnerAuth__Partners__contoso:?export PartnerAuth__Partners__contoso (run.sh does)}"
FABRIKAM_KEY="${PartnerAuth__Partners__fabrikam:?export PartnerAuth__Partners__fabrikam (run.sh does)}"
ADMIN_KEY="${PartnerAuth__AdminKey:?export PartnerAuth__AdminKey (run.sh does)}"
MONTH="$(date -u +%Y-%m)"
WORK="$(mktemp -d -t cosell-seed-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# call METHOD PATH KEY_HEADER KEY CONTENT_TYPE BODY_FILE -> prints the status code; body in $WORK/out
call() {
  local method=$1 path=$2 header=$3 key=$4 type=$5 body=$6
  curl -sS -o "$WORK/out" -w '%{http_code}' -X "$method" "$SITE$path" \
    -H "$header: $key" -H "Content-Type: $type" --data-binary "@$body"
}

step() {
  local what=$1 status=$2; shift 2
  local ok
  for ok in "$@"; do
    if [[ "$status" == "$ok" ]]; then echo "  ok   $what ($status)"; return 0; fi
  done
  echo "  FAIL $what ($status): $(head -c 400 "$WORK/out")" >&2
  failures=$((failures + 1))
  return 1
}

# A one-page PDF with the given title (valid xref, so PDF readers count its pages).
make_pdf() {
  local title=$1 out=$2 stream objs=() body offsets=() pos i xref
  stream="BT /F1 24 Tf 72 700 Td ($title) Tj ET"
  objs[1]="<< /Type /Catalog /Pages 2 0 R >>"
  objs[2]="<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
  objs[3]="<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
  objs[4]="<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
  objs[5]="<< /Length ${#stream} >>"$'\n'"stream"$'\n'"$stream"$'\n'"endstream"
  body="%PDF-1.4"$'\n'
  for i in 1 2 3 4 5; do
    offsets[$i]=${#body}
    body+="$i 0 obj"$'\n'"${objs[$i]}"$'\n'"endobj"$'\n'
  done
  xref=${#body}
  body+="xref"$'\n'"0 6"$'\n'"0000000000 65535 f "$'\n'
  for i in 1 2 3 4 5; do body+="$(printf '%010d' "${offsets[$i]}") 00000 n "$'\n'; done
  body+="trailer"$'\n'"<< /Size 6 /Root 1 0 R >>"$'\n'"startxref"$'\n'"$xref"$'\n'"%%EOF"$'\n'
  printf '%s' "$body" >"$out"
}

echo "Seeding demo data into $SITE (revenue month $MONTH) ..."

# Revenue around the threshold: contoso meets 100,000.00 exactly (>=), fabrikam is one cent short.
cat >"$WORK/revenue.csv" <<CSV
organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue
contoso,$MONTH,100000.00,true,true,contoso-crm:25000.00
fabrikam,$MONTH,99999.99,false,false,fabrikam-analytics:1500.00
CSV
step "revenue $MONTH" "$(call PUT "/api/admin/revenue/$MONTH" X-Admin-Key "$ADMIN_KEY" text/csv "$WORK/revenue.csv")" 200 201 204 || true

# offer PARTNER KEY OFFER JSON CONTACTS_CSV WITH_ONE_PAGER(yes/no)
offer() {
  local partner=$1 key=$2 id=$3 json=$4 contacts=$5 onepager=$6 path="/api/partners/$1/offers/$3" status
  printf '%s' "$json" >"$WORK/draft.json"
  status=$(call PUT "$path" X-Partner-Key "$key" application/json "$WORK/draft.json")
  if [[ "$status" == "409" ]]; then echo "  skip $partner/$id (already exists)"; return 0; fi
  step "draft $partner/$id" "$status" 200 201 || return 0
  if [[ "$onepager" == "yes" ]]; then
    make_pdf "$id customer one-pager" "$WORK/one-pager.pdf"
    step "one-pager $partner/$id" "$(call PUT "$path/documents/one-pager/$id-one-pager.pdf" X-Partner-Key "$key" application/pdf "$WORK/one-pager.pdf")" 200 201 || true
    make_pdf "$id case study" "$WORK/case-study.pdf"
    step "case study $partner/$id" "$(call PUT "$path/documents/case-study/$id-case-study.pdf" X-Partner-Key "$key" application/pdf "$WORK/case-study.pdf")" 200 201 || true
  fi
  printf '%s\n' "$contacts" >"$WORK/contacts.csv"
  step "contacts $partner/$id" "$(call PUT "$path/contacts" X-Partner-Key "$key" text/csv "$WORK/contacts.csv")" 200 201 204 || true
}

draft() { # name solutionType kind transactable countries(json array) builtOnAzure repeatableIpShare
  printf '{"name":"%s","solutionType":"%s","kind":"%s","isTransactable":%s,"eligibleCountries":%s,"cspConfigured":true,"meetsPublishingRequirements":true,"businessProfileComplete":true,"builtOnAzure":%s,"repeatableIpShare":%s,"landingPageUrl":"https://www.contoso.example/%s","socialOrEvidenceUrl":"https://www.linkedin.com/company/contoso-example"}' \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$3"
}

CONTACTS_US_GB='Name,Email,Job title,Role,Countries
Ana Silva,ana@contoso.example,Partner sales lead,Sales,"US,GB"
Ben Okafor,ben@contoso.example,Account executive,Sales,OOO'

offer contoso "$CONTOSO_KEY" contoso-crm "$(draft "Contoso CRM" IpSolution SaaS true '["US","GB"]' true 0.80)" "$CONTACTS_US_GB" yes
offer contoso "$CONTOSO_KEY" contoso-advisory "$(draft "Contoso Cloud Advisory" Services Consulting false '["US"]' true 0)" "$CONTACTS_US_GB" yes
offer contoso "$CONTOSO_KEY" contoso-dynamics "$(draft "Contoso Field Service for Dynamics 365" IpSolution DynamicsApp true '["US","GB"]' false 0.90)" "$CONTACTS_US_GB" yes
offer contoso "$CONTOSO_KEY" contoso-draft "$(draft "Contoso Insights (incomplete draft)" IpSolution SaaS false '["US","DE"]' true 0.60)" "$CONTACTS_US_GB" no
offer fabrikam "$FABRIKAM_KEY" fabrikam-analytics "$(draft "Fabrikam Analytics" IpSolution SaaS true '["US"]' true 0.75)" \
  'Name,Email,Job title,Role,Countries
Chen Wu,chen@fabrikam.example,Partner manager,Sales,US' yes

if [[ "$failures" -gt 0 ]]; then
  echo "Seeding finished with $failures failed step(s)." >&2
  exit 1
fi
echo "Demo data ready: open the portal, pick an offer (contoso-crm, contoso-advisory, contoso-dynamics, contoso-draft) and press Review and publish."
