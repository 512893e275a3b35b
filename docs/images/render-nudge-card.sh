#!/usr/bin/env bash
# Draws docs/images/nudge-card.json, the organizer's first nudge exactly as the bot sends it (NudgeCardPictureTests
# fails when the file and the renderer disagree; UPDATE_GOLDEN=1 rewrites it), as docs/images/nudge-card.png.
# The card goes through the official Adaptive Cards renderer (npm adaptivecards, as in tests/node) with a host
# config close to Teams' light theme, in headless Chromium (apt-get install chromium).
#
#   docs/images/render-nudge-card.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -f tests/node/node_modules/adaptivecards/dist/adaptivecards.js ] ||
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/node/node_modules/adaptivecards/dist/adaptivecards.js "$work/"
{ printf 'window.card = '; cat docs/images/nudge-card.json; printf ';\n'; } > "$work/card.js"

cat > "$work/nudge.html" <<'HTML'
<!doctype html>
<html>
<head>
<meta charset="utf-8">
<style>
  html, body { margin: 0; background: #f5f5f5; font-family: "Liberation Sans", "Segoe UI", sans-serif; }
  .chat { padding: 20px 24px; }
  .from { font-size: 12px; color: #616161; margin: 0 0 6px 2px; }
  .from b { color: #242424; }
  .bubble { width: 700px; background: #fff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14); padding: 4px; }
  .ac-pushButton { border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; color: #242424; font-weight: 600;
                   font-size: 13px; padding: 5px 12px; min-height: 32px; cursor: pointer; }
</style>
<script src="adaptivecards.js"></script>
<script src="card.js"></script>
</head>
<body>
<div class="chat">
  <p class="from"><b>BridgeBot</b> &nbsp;Today 09:00</p>
  <div class="bubble" id="card"></div>
</div>
<script>
  const hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: '"Liberation Sans", "Segoe UI", sans-serif',
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 700 },
    containerStyles: { default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } } },
    actions: { maxActions: 5, buttonSpacing: 8, showCard: { actionMode: "inline" }, actionsOrientation: "horizontal",
               actionAlignment: "left", spacing: "default" },
    factSet: { title: { weight: "bolder", size: "default", wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 12 }
  });
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.parse(window.card);
  document.getElementById("card").appendChild(card.render());
</script>
</body>
</html>
HTML

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=750,300 --screenshot="$PWD/docs/images/nudge-card.png" "file://$work/nudge.html" 2>/dev/null
echo "wrote docs/images/nudge-card.png"
