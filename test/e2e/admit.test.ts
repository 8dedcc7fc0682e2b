// `rampart admit` end to end: what a cluster running the generated policies would do.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXPRESSIBLE_IN_CEL } from "../support/builtin.js";
import { EXAMPLES } from "../support/cli.js";
import { rampart } from "./run-cli.js";

describe("rampart admit", () => {
  it("lists each object's fate and exits 1 when anything is denied", async () => {
    const run = await rampart(["admit", EXAMPLES]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("ADMITTED Service shop/web");
    expect(run.stdout).toContain(
      'deny: C-0057 Privileged container: DaemonSet node-agent: container "agent" is privileged or has CAP_SYS_ADMIN',
    );
    // C-0026 reports every CronJob, however hardened: its own action is warn, so admission warns.
    expect(run.stdout).toContain(
      'warn: C-0026 Kubernetes CronJob: CronJob nightly-report: CronJob runs pods on the schedule "0 2 * * *"',
    );
    // The example nodes' facts (9 objects) match no policy: node facts never reach admission.
    expect(run.stdout).toContain(
      `13 denied, 0 warned, 0 audited, 3 admitted (16 objects, ${EXPRESSIBLE_IN_CEL.length} policies)`,
    );
    // The example nodes' facts are for scans: admission never sees them.
    expect(run.stderr).toContain(
      "9 object(s) of kinds no API server serves (node facts, cluster descriptions) are for scans only",
    );
  });

  it("refuses a static pod of the control plane whose flags are weak", async () => {
    const run = await rampart(["admit", path.join(EXAMPLES, "control-plane"), "--ids", "C-0113,C-0129,C-0153"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("ADMITTED Pod kube-system/kube-apiserver-cp-b");
    expect(run.stdout).toContain(
      "deny: C-0113 Ensure that the API Server --anonymous-auth argument is set to false: Pod kube-apiserver-cp-a: kube-apiserver does not set --anonymous-auth, which is true by default: anonymous requests are served",
    );
    expect(run.stdout).toContain("1 denied, 0 warned, 0 audited, 7 admitted (8 objects, 3 policies)");
  });

  it("exits 0 when everything would be admitted", async () => {
    const run = await rampart(["admit", path.join(EXAMPLES, "batch.yaml"), "--ids", "C-0057,C-0044"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("0 denied, 0 warned, 0 audited, 2 admitted (2 objects, 2 policies)");
  });

  it("writes JSON", async () => {
    const run = await rampart(
      ["admit", "-", "--format", "json", "--ids", "C-0016"],
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n",
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        kind: "Pod",
        name: "p",
        namespace: null,
        verdict: "denied",
        policies: [
          {
            policy: "rampart-c-0016",
            controlID: "C-0016",
            decision: "deny",
            message:
              'C-0016 Allow privilege escalation: Pod p: container "c" does not set allowPrivilegeEscalation to false',
            error: null,
          },
        ],
      },
    ]);
  });
});
