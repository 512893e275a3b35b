#!/usr/bin/env node
// Validates a Teams app manifest against the official JSON schema of its manifestVersion, offline.
// The schemas ship inside @microsoft/app-manifest (build/json-schemas/teams/v1.NN/); the package's own
// "fetch the schema from $schema" helpers need internet, so this script loads the bundled copy and hands
// it to AppManifestUtils.validateAgainstSchema, the same AJV setup the Teams toolkit uses.
//
// Usage: node validate-manifest.js path/to/manifest.json
// Exit codes: 0 valid, 1 schema errors (one per line on stderr), 2 usage or unreadable input.
'use strict';

const fs = require('fs');
const path = require('path');
const { AppManifestUtils } = require('@microsoft/app-manifest');

function fail(code, message) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function loadBundledSchema(manifestVersion) {
  if (!/^1\.\d+$/.test(manifestVersion)) {
    fail(2, `manifestVersion '${manifestVersion}' is not of the form 1.NN`);
  }
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schemaPath = path.join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(schemaPath)) {
    fail(2, `@microsoft/app-manifest bundles no schema for manifestVersion ${manifestVersion} (looked for ${schemaPath})`);
  }
  // Same clean-up the package applies to downloaded schemas: some versions carry a '\a' escape in a regex that
  // JavaScript rejects (OfficeDev/microsoft-teams-app-schema#190).
  const text = fs.readFileSync(schemaPath, 'utf8').replace(/\\a/g, '\\x07');
  return JSON.parse(text);
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    fail(2, 'usage: node validate-manifest.js path/to/manifest.json');
  }

  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(2, `cannot read ${file} as JSON: ${e.message}`);
  }

  const version = String(manifest.manifestVersion ?? '');
  const schema = loadBundledSchema(version);
  const expectedSchemaSuffix = `/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  const errors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  if (manifest.$schema !== undefined && !String(manifest.$schema).endsWith(expectedSchemaSuffix)) {
    errors.push(`/$schema does not point at the v${version} schema (expected a URL ending in ${expectedSchemaSuffix})`);
  }

  if (errors.length > 0) {
    fail(1, errors.join('\n'));
  }
  process.stdout.write(`valid: ${file} against the bundled Teams manifest schema v${version}\n`);
}

main().catch((e) => fail(2, e.stack || String(e)));
