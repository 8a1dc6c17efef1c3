// Validates every object of a multi-document YAML file (LANTERN_MANIFESTS) against the Kubernetes OpenAPI schemas
// (kubernetes-models) and the prometheus-operator CRD schemas (@kubernetes-models/prometheus-operator), and writes
// { objects, results } as JSON to LANTERN_VALIDATION_OUT for the test to read.
//
// The packages' compiled ajv validators check types, enums, formats and required fields but let unknown fields
// through (their schemas do not set additionalProperties: false). So this script enforces that itself: it hands
// the validator a proxy that records every property the validator reads; a schema reads each property it
// declares (and every key of a map), so a key the validator never read is one the schema does not know.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// ES modules ignore NODE_PATH, so packages are loaded from the folder it names by file path.
const modules = process.env.NODE_PATH;
const { parseAllDocuments } = createRequire(join(modules, "index.js"))("yaml");

const coreGroups = { v1: "kubernetes-models/v1" };
const crdPackages = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };

function modulePath(apiVersion, kind) {
  if (coreGroups[apiVersion]) return `${coreGroups[apiVersion]}/${kind}`;
  const [group] = apiVersion.split("/");
  return `${crdPackages[group] ?? "kubernetes-models"}/${apiVersion}/${kind}`;
}

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const file = join(modules, `${modulePath(apiVersion, kind)}.js`);
  return existsSync(file) ? (await import(pathToFileURL(file).href))[kind] ?? null : null;
}

// Wraps data so that every property read on every nested object is recorded in `read` (object -> Set of keys).
function tracked(data, read, proxies = new WeakMap()) {
  if (data === null || typeof data !== "object") return data;
  if (proxies.has(data)) return proxies.get(data);
  read.set(data, new Set());
  const proxy = new Proxy(data, {
    get(target, key, receiver) {
      if (typeof key === "string") read.get(target).add(key);
      return tracked(Reflect.get(target, key, receiver), read, proxies);
    },
    has(target, key) {
      if (typeof key === "string") read.get(target).add(key);
      return Reflect.has(target, key);
    },
  });
  proxies.set(data, proxy);
  return proxy;
}

function unknownFields(data, read, path = "") {
  if (data === null || typeof data !== "object") return [];
  const seen = read.get(data) ?? new Set();
  return Object.keys(data).flatMap((key) => {
    const child = `${path}/${key}`;
    if (!Array.isArray(data) && !seen.has(key)) return [`${child} is not a field of this object`];
    return unknownFields(data[key], read, child);
  });
}

async function validate(object) {
  const name = `${object?.kind}/${object?.metadata?.name}`;
  const Model = await modelFor(object?.apiVersion, object?.kind);
  if (!Model) return { name, errors: [`no schema for apiVersion ${object?.apiVersion} kind ${object?.kind}`] };
  const read = new WeakMap();
  const errors = [];
  try {
    Model.prototype.validate.call(tracked(object, read));
  } catch (error) {
    errors.push(...String(error.message).split("\n").map((line) => line.trim()).filter(Boolean));
  }
  errors.push(...unknownFields(object, read));
  return { name, errors };
}

const documents = parseAllDocuments(readFileSync(process.env.LANTERN_MANIFESTS, "utf8"));
const parseErrors = documents.flatMap((d) => d.errors.map((e) => e.message));
const objects = documents.map((d) => d.toJS()).filter((o) => o !== null && o !== undefined);
const results = [];
for (const object of objects) results.push(await validate(object));
if (parseErrors.length > 0) results.push({ name: "yaml", errors: parseErrors });
writeFileSync(process.env.LANTERN_VALIDATION_OUT, JSON.stringify({ objects, results }));
