#!/usr/bin/env bash
# Builds the Teams app package: fills the placeholders of manifest.json and zips it with the two icons.
#
#   manifests/teams/package.sh APP_ID HOST_NAME [OUTPUT_ZIP]
#
#   APP_ID      the bot's Microsoft Entra app id (a GUID); used as the Teams app id, botId and webApplicationInfo.id
#   HOST_NAME   the public host name the bot is reached at, without scheme or path (e.g. bridgebot.contoso.com);
#               the Azure Bot's messaging endpoint is https://HOST_NAME/api/messages
#   OUTPUT_ZIP  where to write the package; default artifacts/bridgebot-teams.zip under the repository root
#
# Optional environment: APP_VERSION (default 1.0.0; raise it for every upload of a changed package, Teams
# refuses an update with the same version), DEVELOPER_NAME (default BridgeBot), WEBSITE_URL, PRIVACY_URL,
# TERMS_OF_USE_URL (default https://HOST_NAME/, /privacy, /terms).
set -euo pipefail

usage() { echo "usage: $0 APP_ID HOST_NAME [OUTPUT_ZIP]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage

here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
app_id="$1"
host_name="$2"
output="${3:-$repo_root/artifacts/bridgebot-teams.zip}"

guid='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'
if ! [[ "$app_id" =~ $guid ]]; then
  echo "package.sh: APP_ID must be the bot's Entra app id, a GUID (got '$app_id')" >&2; exit 2
fi
# validDomains takes a bare host name; a scheme or path here would make Teams reject the package.
hostname_re='^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$'
if ! [[ "$host_name" =~ $hostname_re ]]; then
  echo "package.sh: HOST_NAME must be a bare DNS name such as bridgebot.contoso.com, no scheme, port or path (got '$host_name')" >&2; exit 2
fi

app_version="${APP_VERSION:-1.0.0}"
if ! [[ "$app_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "package.sh: APP_VERSION must be MAJOR.MINOR.PATCH (got '$app_version')" >&2; exit 2
fi
developer_name="${DEVELOPER_NAME:-BridgeBot}"
website_url="${WEBSITE_URL:-https://$host_name/}"
privacy_url="${PRIVACY_URL:-https://$host_name/privacy}"
terms_url="${TERMS_OF_USE_URL:-https://$host_name/terms}"
for url in "$website_url" "$privacy_url" "$terms_url"; do
  [[ "$url" =~ ^https://[^[:space:]\"\\]+$ ]] || { echo "package.sh: '$url' is not an https URL" >&2; exit 2; }
done
[[ "$developer_name" =~ ^[^\"\\]{1,32}$ ]] || { echo "package.sh: DEVELOPER_NAME must be 1-32 characters without quotes or backslashes" >&2; exit 2; }

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

# Values are validated above (no quotes, backslashes or newlines), so plain text substitution keeps the JSON valid.
# '|' cannot occur in any of them, so it is a safe sed delimiter; '&' is escaped for the replacement side.
escape() { printf '%s' "$1" | sed -e 's/[&|]/\\&/g'; }
sed -e "s|\${{TEAMS_APP_ID}}|$(escape "$app_id")|g" \
    -e "s|\${{BOT_DOMAIN}}|$(escape "$host_name")|g" \
    -e "s|\${{APP_VERSION}}|$(escape "$app_version")|g" \
    -e "s|\${{DEVELOPER_NAME}}|$(escape "$developer_name")|g" \
    -e "s|\${{WEBSITE_URL}}|$(escape "$website_url")|g" \
    -e "s|\${{PRIVACY_URL}}|$(escape "$privacy_url")|g" \
    -e "s|\${{TERMS_OF_USE_URL}}|$(escape "$terms_url")|g" \
    "$here/manifest.json" > "$staging/manifest.json"

if grep -q '\${{' "$staging/manifest.json"; then
  echo "package.sh: placeholders left unfilled in manifest.json:" >&2
  grep -o '\${{[A-Z_]*}}' "$staging/manifest.json" | sort -u >&2
  exit 1
fi
cp "$here/color.png" "$here/outline.png" "$staging/"

mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"
rm -f "$output"
# Teams wants the three files at the root of the zip, no folder.
if command -v zip >/dev/null 2>&1; then
  (cd "$staging" && zip -q -X "$output" manifest.json color.png outline.png)
else
  (cd "$staging" && python3 -m zipfile -c "$output" manifest.json color.png outline.png)
fi
echo "package.sh: wrote $output (app id $app_id, host $host_name, version $app_version)"
