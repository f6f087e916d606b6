#!/usr/bin/env bash
# Builds what the browser gets from npm packages into static_build/ (never committed):
# the stylesheet, compiled from static/scss with the design system (GOV.UK Frontend),
# and the design system's JavaScript. `make` runs it when a source is newer.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p static_build/css static_build/vendor
# --quiet-deps: the design system's own deprecation notices are its maintainers' to act on.
node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
  static/scss/site.scss static_build/css/site.css
# Without its source map comment: the map is not shipped, and collectstatic's manifest storage
# (production, make bench) refuses a file that names one it cannot find.
sed '/^\/\/# sourceMappingURL=/d' node_modules/govuk-frontend/dist/govuk/all.bundle.js \
  > static_build/vendor/govuk-frontend.js
