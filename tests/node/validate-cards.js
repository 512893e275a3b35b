// Validates Adaptive Cards with the official library (npm adaptivecards), targeting schema 1.5.
// Input on stdin: a JSON array of {"name": "...", "card": {...}}. Output on stdout: a JSON array of
// {"name": "...", "problems": ["..."]}; an empty problems list means zero parse or validation events.
'use strict';
// The package's main entry needs a browser; the dist bundle loads in Node.
const AC = require('adaptivecards/dist/adaptivecards.js');

function validate(card) {
  const problems = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  const results = parsed.validateProperties();
  for (const e of results.validationEvents) {
    problems.push(`validate ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return problems;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const items = JSON.parse(input);
  const output = items.map(item => {
    try {
      return { name: item.name, problems: validate(item.card) };
    } catch (err) {
      return { name: item.name, problems: [`exception: ${err && err.message}`] };
    }
  });
  process.stdout.write(JSON.stringify(output));
});
