// The JUnit report, read back by XML parsers: saxes (strict XML 1.0 well-formedness, characters
// included) and fast-xml-parser (content), with hostile names and messages.
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { xmlAttribute, xmlText } from "../../runtime/report/xml.js";
import { EXAMPLES, EXCEPTIONS, jsonOf, positionIn, report, workFolder } from "./support.js";

interface TestCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; "#text": string };
  skipped?: { message: string };
  "system-out"?: string;
}

interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  properties: { property: Array<{ name: string; value: string }> };
  testcase: TestCase[];
}

interface JunitDocument {
  testsuites: {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    testsuite: TestSuite[];
  };
}

/** Errors a conforming XML 1.0 parser reports (none for a well-formed document). */
function wellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on("error", (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}

function parse(xml: string): JunitDocument {
  expect(wellFormednessErrors(xml)).toEqual([]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    htmlEntities: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  return parser.parse(xml) as JunitDocument;
}

const file = workFolder();

async function junit(args: readonly string[]): Promise<JunitDocument> {
  return parse(await report(args, "junit", file(`${Math.random().toString(36).slice(2)}.xml`)));
}

function testcase(suite: TestSuite | undefined, id: string): TestCase {
  const found = suite?.testcase.find((entry) => entry.name.startsWith(`${id} `));
  if (found === undefined) throw new Error(`no test case ${id}`);
  return found;
}

describe("junit report", () => {
  const nsa = ["scan", "framework", "nsa", EXAMPLES];

  it("has a suite per framework and a test case per control, with the right counts", async () => {
    const document = await junit(["scan", "framework", "nsa,devopsbest", EXAMPLES]);
    const json = await jsonOf(["scan", "framework", "nsa,devopsbest", EXAMPLES]);
    const suites = document.testsuites.testsuite;
    expect(suites.map((suite) => suite.name)).toEqual(["nsa", "devopsbest"]);
    for (const suite of suites) {
      const summary = json.summaryDetails.frameworks.find((framework) => framework.name === suite.name);
      expect(suite).toMatchObject({
        tests: String(summary?.controls.total),
        failures: String(summary?.controls.failed),
        skipped: String(summary?.controls.skipped),
        errors: "0",
      });
      expect(suite.testcase).toHaveLength(summary?.controls.total ?? -1);
      expect(suite.testcase.filter((entry) => entry.failure !== undefined)).toHaveLength(
        summary?.controls.failed ?? -1,
      );
      expect(suite.testcase.filter((entry) => entry.skipped !== undefined)).toHaveLength(
        summary?.controls.skipped ?? -1,
      );
      for (const entry of suite.testcase) expect(entry.classname).toBe(suite.name);
      expect(suite.properties.property).toContainEqual({
        name: "complianceScore",
        value: String(summary?.complianceScore),
      });
    }
    const sum = (key: "tests" | "failures" | "skipped") =>
      String(suites.reduce((total, suite) => total + Number(suite[key]), 0));
    expect(document.testsuites).toMatchObject({
      tests: sum("tests"),
      failures: sum("failures"),
      skipped: sum("skipped"),
    });
  });

  it("lists the failing objects of a failed control with file:line and messages", async () => {
    const document = await junit(nsa);
    const suite = document.testsuites.testsuite[0];
    const escalation = testcase(suite, "C-0016");
    expect(escalation.name).toBe("C-0016 Allow privilege escalation");
    expect(escalation.failure?.type).toBe("Medium");
    expect(escalation.failure?.message).toBe(
      // In the order of the input (batch.yaml, control-plane/*.yaml, node-agent.yaml, web-app.yaml),
      // ten at most.
      "11 of 12 resources fail: Job reporting/migrate-db, Pod kube-system/kube-apiserver-cp-b, Pod kube-system/kube-controller-manager-cp-b, Pod kube-system/kube-scheduler-cp-b, Pod kube-system/etcd-cp-b, Pod kube-system/kube-apiserver-cp-a, Pod kube-system/kube-controller-manager-cp-a, Pod kube-system/kube-scheduler-cp-a, Pod kube-system/etcd-cp-a, DaemonSet monitoring/node-agent, and 1 more",
    );
    const web = path.join(EXAMPLES, "web-app.yaml");
    const field = positionIn(web, "securityContext:", 2);
    expect(escalation.failure?.["#text"]).toContain(
      [
        `Deployment shop/web (${web}:${field.line}:${field.column})`,
        '  - container "log-shipper" does not set allowPrivilegeEscalation to false',
        "    at spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation",
        "    fix: set spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation to false",
      ].join("\n"),
    );
    expect(escalation.failure?.["#text"]).toMatch(/\nremediation: .*allowPrivilegeEscalation/);
    // Without node facts the node controls are skipped, with their reason.
    const withoutNodes = await junit(["scan", "framework", "nsa", web]);
    const skipped = testcase(withoutNodes.testsuites.testsuite[0], "C-0069");
    expect(skipped.skipped?.message).toMatch(/^needs node facts/);
    expect(skipped.failure).toBeUndefined();
  });

  it("counts a failure that an exception accepts as passed, and says so", async () => {
    const exceptions = file("exceptions.yaml", EXCEPTIONS);
    const document = await junit([...nsa, "--exceptions", exceptions]);
    const escalation = testcase(document.testsuites.testsuite[0], "C-0016");
    expect(escalation.failure?.message).toBe(
      "10 of 12 resources fail: Job reporting/migrate-db, Pod kube-system/kube-apiserver-cp-b, Pod kube-system/kube-controller-manager-cp-b, Pod kube-system/kube-scheduler-cp-b, Pod kube-system/etcd-cp-b, Pod kube-system/kube-apiserver-cp-a, Pod kube-system/kube-controller-manager-cp-a, Pod kube-system/kube-scheduler-cp-a, Pod kube-system/etcd-cp-a, DaemonSet monitoring/node-agent",
    );
    expect(escalation.failure?.["#text"]).toContain(`Deployment shop/web (${path.join(EXAMPLES, "web-app.yaml")}:`);
    expect(escalation.failure?.["#text"]).toContain(
      `  accepted by exception "shipper-escalates" (${exceptions}:1): the log shipper's "sidecar" needs <escalation> & we accept it`,
    );

    // The only failure of C-0016 on web-app.yaml, accepted: the control passes, with a note.
    const alone = await junit([
      "scan",
      "control",
      "C-0016",
      path.join(EXAMPLES, "web-app.yaml"),
      "--exceptions",
      exceptions,
    ]);
    expect(alone.testsuites).toMatchObject({ tests: "1", failures: "0", skipped: "0" });
    const accepted = testcase(alone.testsuites.testsuite[0], "C-0016");
    expect(accepted.failure).toBeUndefined();
    expect(accepted["system-out"]).toContain('accepted by exception "shipper-escalates"');
  });

  it("escapes hostile names and messages, and replaces characters XML 1.0 cannot hold", async () => {
    const manifest = file(
      "hostile.yaml",
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        '  name: "pod \\"x\\" <y> & \'z\' \\x01\\e]]>"',
        '  namespace: "n\\ts\\r\\n"',
        "spec:",
        "  containers:",
        '    - name: "c<&>\\"\\a\'\\u2028\\U0001F600"',
        "      image: busybox",
        "",
      ].join("\n"),
    );
    const document = await junit(["scan", "control", "C-0016,C-0057,C-0005", manifest]);
    const suite = document.testsuites.testsuite[0];
    expect(suite?.name).toBe("controls");
    expect(document.testsuites).toMatchObject({ tests: "3", failures: "1", skipped: "1" });
    const escalation = testcase(suite, "C-0016");
    const objectName = `Pod n\ts\r\n/pod "x" <y> & 'z' \uFFFD\uFFFD]]>`;
    expect(escalation.failure?.message).toBe(`1 of 1 resources fail: ${objectName}`);
    expect(escalation.failure?.["#text"]).toContain(
      `  - container "c<&>"\uFFFD'\u2028\u{1F600}" does not set allowPrivilegeEscalation to false`,
    );
    expect(testcase(suite, "C-0057").failure).toBeUndefined();
  });
});

describe("XML escaping", () => {
  it("escapes markup in text and leaves quotes readable", () => {
    expect(xmlText(`a < b && c > d "e" 'f' ]]>`)).toBe(`a &lt; b &amp;&amp; c &gt; d "e" 'f' ]]&gt;`);
    expect(xmlText("line\nnext\ttab\r")).toBe("line\nnext\ttab\r");
  });

  it("escapes quotes and whitespace in attributes", () => {
    expect(xmlAttribute(`"q" 'a' <&>\t\n\r`)).toBe("&quot;q&quot; &apos;a&apos; &lt;&amp;&gt;&#9;&#10;&#13;");
  });

  it("replaces what XML 1.0 forbids: C0 controls, lone surrogates, U+FFFE and U+FFFF", () => {
    const hostile = "\u0000\u0001\u0008\u000B\u000C\u001F\uD800x\uDC00\uFFFE\uFFFF";
    expect(xmlText(hostile)).toBe("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFD\uFFFD\uFFFD");
    expect(xmlAttribute(hostile)).toBe(xmlText(hostile));
    // Astral characters (a surrogate pair) and DEL/C1 controls are allowed characters.
    expect(xmlText("\u{1F600}\u007F\u0085")).toBe("\u{1F600}\u007F\u0085");
    expect(wellFormednessErrors(`<a b="${xmlAttribute(hostile)}">${xmlText(hostile)}</a>`)).toEqual([]);
  });
});
