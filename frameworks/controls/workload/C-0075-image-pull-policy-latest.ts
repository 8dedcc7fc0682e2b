import { containers, control, fix, parseImage, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

/** An image reference that names no fixed image: no tag, `latest`, or a tag of floatingImageTags, and no digest. */
function floats(image: string | undefined, floatingTags: readonly string[]): boolean {
  const ref = parseImage(image);
  if (ref === undefined || ref.digest !== undefined) return false;
  return ref.tag === undefined || ref.tag === "latest" || floatingTags.includes(ref.tag);
}

export default control({
  id: "C-0075",
  name: "Image pull policy on latest tag",
  baseScore: 2,
  category: "Workload",
  description:
    "An image without a tag, tagged latest or with a floating tag (the control input floatingImageTags, e.g. alpine) names whatever was pushed last; with imagePullPolicy IfNotPresent or Never a node keeps running the copy it pulled before, so pods of one workload can run different code. Images pinned by digest pass.",
  remediation:
    "Set imagePullPolicy: Always on containers that use a floating tag, or better pin the image to a version tag or a digest.",
  kinds: WORKLOAD_KINDS,
  inputs: ["floatingImageTags"],
  // Untagged and latest images are judged without configuration; the input only adds tags.
  inputsOptional: true,
  check(workload, context) {
    return containers(workload, { init: true, ephemeral: true })
      .filter(
        (ref) =>
          (ref.container.imagePullPolicy === "IfNotPresent" || ref.container.imagePullPolicy === "Never") &&
          floats(ref.container.image, context.inputs.floatingImageTags),
      )
      .map((ref) =>
        violation(
          `container "${ref.container.name}" runs the floating image "${ref.container.image ?? ""}" with imagePullPolicy ${ref.container.imagePullPolicy ?? ""}`,
          {
            paths: [`${ref.path}.image`, `${ref.path}.imagePullPolicy`],
            fixes: [fix(`${ref.path}.imagePullPolicy`, "Always")],
          },
        ),
      );
  },
});
