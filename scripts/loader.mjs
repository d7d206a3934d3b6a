// Puts the widget's stylesheet into the embed loader: the loader draws the button and
// the drawer's shell with the widget's own styles before the bundle arrives, so the
// components take over without a jump.
//   node scripts/loader.mjs style/widget.css public/widget.js target/site/widget.js
import { readFileSync, writeFileSync } from 'node:fs';

const [css, loader, out] = process.argv.slice(2);
const styles = readFileSync(css, 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{};,>])\s*/g, '$1')
  .replace(/:\s+/g, ':')
  .replace(/;}/g, '}')
  .trim();
const source = readFileSync(loader, 'utf8');
if (!source.includes("'__WIDGET_CSS__'")) throw new Error(`${loader} has no '__WIDGET_CSS__' to fill`);
writeFileSync(out, source.replace("'__WIDGET_CSS__'", () => JSON.stringify(styles)));
