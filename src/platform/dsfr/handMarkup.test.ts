import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const SRC = join(import.meta.dirname, "..", "..");
const MODULE = import.meta.dirname;

/** Every source file outside this module (tests excluded: they may assert on markup). */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return path === MODULE ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** A class attribute in a template (its value as written). */
const CLASS_ATTRIBUTE = /class="([^"]*)"/g;

/**
 * DSFR's utility classes, which pages keep using for layout: grid, spacing, text sizes, headings' looks,
 * visibility and icons. Everything else `fr-…` is a component's markup and belongs in the module.
 */
const UTILITY =
  /^fr-(?:[mp][trblxy]?-(?:n?\d+v|\d+w|auto|0)|grid-row(?:--[a-z-]+)?|col(?:-[a-z0-9-]+)?|container(?:--fluid|-[a-z]+)?|text--[a-z]+|text-[a-z-]+|h[1-6]|display--[a-z]+|raw-list|sr-only|hidden(?:-[a-z]+)?|unhidden(?:-[a-z]+)?|displayed(?:-[a-z]+)?|responsive-img|icon-[a-z0-9-]+)$/;

function componentClasses(source: string): string[] {
  return [...source.matchAll(CLASS_ATTRIBUTE)].flatMap((match) =>
    (match[1] ?? "").split(/\s+/).filter((name) => name.startsWith("fr-") && !UTILITY.test(name)),
  );
}

test("the check tells DSFR utilities from components", () => {
  assert.deepEqual(
    componentClasses(
      `<div class="fr-grid-row fr-mt-4w fr-col-md-6 fr-text--lead fr-h4 fr-mb-1v fr-mb-0 fr-icon-info-line">`,
    ),
    [],
  );
  assert.deepEqual(componentClasses(`<p class="fr-badge fr-mb-2w">`), ["fr-badge"]);
  assert.deepEqual(componentClasses(`<div class="fr-callout">`), ["fr-callout"]);
});

test("no page writes DSFR markup by hand: only src/platform/dsfr/ does", {
  todo: "pages not converted yet (issue 10, phase 2): the converters remove this todo",
}, () => {
  const offenders = sourceFiles(SRC).flatMap((file) => {
    const classes = componentClasses(readFileSync(file, "utf8"));
    return classes.length > 0 ? [`${relative(SRC, file)}: ${[...new Set(classes)].join(" ")}`] : [];
  });
  assert.deepEqual(offenders, [], "files writing DSFR classes outside the component module");
});
