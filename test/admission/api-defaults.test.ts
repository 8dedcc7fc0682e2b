// The API server's defaults that `rampart admit` applies before review (runtime/admission/api-defaults.ts).
import { describe, expect, it } from "vitest";
import { withApiDefaults } from "../../runtime/admission/api-defaults.js";

const job = (labels: Record<string, string> | undefined, templateLabels: Record<string, string> | undefined) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "backup", ...(labels === undefined ? {} : { labels }) },
  spec: {
    template: {
      ...(templateLabels === undefined ? {} : { metadata: { labels: templateLabels } }),
      spec: { restartPolicy: "Never", containers: [{ name: "app", image: "backup:1.0" }] },
    },
  },
});

describe("withApiDefaults", () => {
  it("gives a Job without labels its pod template's labels, as batch/v1 defaulting does", () => {
    expect(withApiDefaults(job(undefined, { app: "backup" })).metadata).toEqual({
      name: "backup",
      labels: { app: "backup" },
    });
    expect(withApiDefaults(job({}, { app: "backup" })).metadata.labels).toEqual({ app: "backup" });
  });

  it("keeps a Job's own labels, and leaves them unset when the template has none", () => {
    expect(withApiDefaults(job({ team: "ops" }, { app: "backup" })).metadata.labels).toEqual({ team: "ops" });
    expect(withApiDefaults(job(undefined, undefined)).metadata.labels).toBeUndefined();
  });

  it("copies: the object given is not changed", () => {
    const original = job(undefined, { app: "backup" });
    withApiDefaults(original);
    expect(original.metadata).toEqual({ name: "backup" });
  });
});
