import { control, fix, violation } from "../../../dsl/index.js";

export default control({
  id: "C-0305",
  name: "No rolling update strategy",
  baseScore: 3,
  category: "Workload",
  description:
    "A Deployment with another strategy than RollingUpdate (Recreate) stops all its pods before starting new ones: every update is an outage. Without a strategy the API server sets RollingUpdate, which passes.",
  remediation: "Set spec.strategy.type to RollingUpdate (or remove it, RollingUpdate is the default).",
  kinds: ["Deployment"],
  check(deployment) {
    const type = deployment.spec?.strategy?.type;
    return type !== undefined && type !== "RollingUpdate"
      ? [
          violation(`Deployment replaces its pods all at once (strategy ${type})`, {
            paths: ["spec.strategy.type"],
            fixes: [fix("spec.strategy.type", "RollingUpdate")],
          }),
        ]
      : [];
  },
});
