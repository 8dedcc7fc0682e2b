import { control, violation } from "../../../dsl/index.js";

export default control({
  id: "C-0026",
  name: "Kubernetes CronJob",
  baseScore: 1,
  category: "Workload",
  description:
    "A CronJob starts pods on a schedule, which attackers use to keep a foothold in a cluster. Every CronJob is reported so that each can be reviewed as known and wanted.",
  remediation: "Review each CronJob; delete those nobody owns, and grant an exception to those that are wanted.",
  kinds: ["CronJob"],
  // Every object is listed for review: admission warns rather than refusing them all.
  action: "warn",
  check(cronJob) {
    return [
      violation(`CronJob runs pods on the schedule "${cronJob.spec?.schedule ?? ""}"`, { paths: ["spec.schedule"] }),
    ];
  },
});
