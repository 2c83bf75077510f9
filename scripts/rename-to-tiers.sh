#!/usr/bin/env bash
# Puts the local module's stack tests into their tiers (docs/testing.md, "Tiers"): a flow test becomes
# dev.orderhub.local.<flow>.<Name>IT, a proof test dev.orderhub.local.proof.<Name>Proof. Moves with `git mv`
# (so that edits made elsewhere to the old file follow it in a merge), rewrites the package line, adds the
# imports the moved class now needs (and those its referrers need), and renames every reference in the
# repository (code and docs). Safe to run again: a class already in place is left alone.
#
#   scripts/rename-to-tiers.sh            move every stack test still in dev/orderhub/local/
#   scripts/rename-to-tiers.sh --dry-run  only print what it would move
#
# A stack test (one that uses TestHub or starts the stand-ins) that the table below does not name is put in a
# flow by a word of its name (Callback, Order, Workflow, Admin, Sync...); one that matches no word stops the run:
# add it to the table. Afterwards compile (`mvn -B -pl local -am test-compile`) and run TierAssignmentTest.
set -euo pipefail
cd "$(dirname "$0")/.."
dry=false; [ "${1:-}" = "--dry-run" ] && dry=true

python3 - "$dry" <<'PY'
import os, re, subprocess, sys
dry = sys.argv[1] == "true"
TEST = "local/src/test/java/dev/orderhub/local"
MAIN = "local/src/main/java/dev/orderhub/local"

# old class name -> (package under dev.orderhub.local, new class name). Proof tests: package "proof".
TABLE = {}
def flow(group, *names):
    for n in names:
        base = re.sub(r"(IntegrationTest|Test)$", "", n)
        TABLE[n] = (group, base + "IT")
def proof(*names):
    for n in names:
        base = re.sub(r"(IntegrationTest|Test)$", "", n)
        TABLE[n] = ("proof", base + "Proof")

flow("callbacks", "BmcCallbackIntegrationTest", "KofiCallbackIntegrationTest", "ShopifyCallbackIntegrationTest",
     "StripeCallbackIntegrationTest", "XsollaCallbackIntegrationTest", "CachedSiteCallbackIntegrationTest",
     "DeliveryLogIntegrationTest", "DeliveryLogFailureTest", "InvocationLogIntegrationTest", "RefusedDeliveryFloodTest",
     "RefusedSignatureAmplificationTest", "TestModePaymentAttackIntegrationTest", "DeadLetterIntegrationTest",
     "DeadLetterListingIsolationTest", "DeadLetterRedriveWithoutScanTest", "PaymentEventPollersIntegrationTest",
     "LeadingKeysIntegrationTest", "DeadLetterDetailIntegrationTest")
flow("admin", "KeyShapedClientIdIntegrationTest")
flow("orders", "OrderCommitIntegrationTest", "OrderDetailIntegrationTest", "OrderFiltersIntegrationTest",
     "OrderPointersTest", "OrderTimesIntegrationTest", "ConcurrentWritersIntegrationTest", "CustomersIntegrationTest",
     "MatchingIntegrationTest", "ReviewIntegrationTest", "ConfirmWithoutIntentIntegrationTest", "IntentsIntegrationTest",
     "IntentCaptureByEmailAttackIntegrationTest", "IntentFloodAcrossSitesTest", "UnderpaidReferenceAttackIntegrationTest",
     "BuyerStatusIntegrationTest", "StatusPollFloodTest", "ForgedCursorTest", "OrderItemWritesIntegrationTest")
flow("workflows", "WorkflowIntegrationTest", "WorkflowAdminRoutesIntegrationTest", "WorkflowRunLeaseIntegrationTest",
     "ThankYouWorkflowIntegrationTest", "SlowReceiverSiteCapIntegrationTest", "WebhookInternalAddressAdminIntegrationTest",
     "TemplateFileReadAttackIntegrationTest", "ThankYouRunWritesIntegrationTest")
flow("mail", "MailEventsIntegrationTest", "MailHeaderInjectionAttackIntegrationTest", "SenderSpoofingAttackIntegrationTest",
     "StaffRecipientAttackIntegrationTest", "UnknownMailOutcomeIntegrationTest")
flow("admin", "AdminAuthorizerIntegrationTest", "AdminIsolationIntegrationTest", "AdminKeysAndSitesIntegrationTest",
     "AdminPageIntegrationTest", "AdminPageRoutesIntegrationTest", "AdminReportsIntegrationTest", "AdminSecretsNeverShownTest",
     "AdminValidationIntegrationTest", "ApiDescriptionIntegrationTest", "ApiVocabularyIntegrationTest",
     "KeyLabelIntegrationTest", "OperatorKeyRotationTest", "SharedKeyRevocationAttackTest",
     "ViewerSeesNoSecretCharactersTest", "CrossSiteIdsIsolationIntegrationTest", "AutoReplyPreviewIntegrationTest")
flow("secrets", "SecretsIsolationIntegrationTest", "SecretsSealedAtRestTest", "SecretsMigrationTest",
     "PreviousSecretRemovalTest")
flow("sync", "SyncIntegrationTest", "SyncScheduleIntegrationTest", "XsollaSyncIntegrationTest", "ReconcileIntegrationTest")
flow("live", "LiveStatusIntegrationTest")
flow("localmode", "SmokeIntegrationTest", "SignEventFileIntegrationTest", "SampleEventsTest", "EventsEnvJsonTest",
     "TargetSelectionTest", "LocalModeStartTest", "TemplateTest")
proof("FunctionJarTest", "FaultInjectionIntegrationTest", "LoadIntegrationTest", "PacedLoadIntegrationTest",
      "LoadProgressIntegrationTest", "CallbackFuzzTest", "AdminUiBrowserTest", "ConcurrencyIntegrationTest")
# Stays in dev.orderhub.local: it runs last in every stack JVM, the flow tier's and the proof tier's (local/pom.xml).
TABLE["WholeSuiteSecretsScanTest"] = ("", "WholeSuiteSecretsScanIT")
# Unit tests of the local module that mention the stack's helpers but start nothing: they stay where they are.
UNIT = {"TestHubAwaitTest", "TierAssignmentTest"}

GUESS = [("Callback", "callbacks"), ("Delivery", "callbacks"), ("DeadLetter", "callbacks"), ("Workflow", "workflows"),
         ("Mail", "mail"), ("Admin", "admin"), ("Secret", "secrets"), ("Sync", "sync"), ("Reconcil", "sync"),
         ("Live", "live"), ("Order", "orders"), ("Intent", "orders"), ("Match", "orders"), ("Review", "orders")]
STACK = re.compile(r"\b(TestHub|StandInsTarget\.start|LocalHub\.start|SignedPayments|SiteWithIntents)\b")

def classes_in(d):
    return sorted(f[:-5] for f in os.listdir(d) if f.endswith(".java")) if os.path.isdir(d) else []

moves = []  # (old path, new path, old name, new name, group)
for name in classes_in(TEST):
    path = f"{TEST}/{name}.java"
    src = open(path, encoding="utf-8").read()
    if name in UNIT:
        continue
    if name in TABLE:
        group, new = TABLE[name]
    elif name.endswith("IntegrationTest") or (name.endswith("Test") and STACK.search(src) and re.search(r"@(Test|ParameterizedTest|Property)\b", src)):
        hit = [g for w, g in GUESS if w in name]
        if not hit:
            sys.exit(f"rename-to-tiers: {path} is a stack test in no flow: add it to the table in scripts/rename-to-tiers.sh")
        group, new = hit[0], re.sub(r"(IntegrationTest|Test)$", "", name) + "IT"
    else:
        continue
    d = f"{TEST}/{group}" if group else TEST
    moves.append((path, f"{d}/{new}.java", name, new, group))

for old, new, *_ in moves:
    print(f"{old} -> {new}")
if dry:
    sys.exit(0)

for old, new, *_ in moves:
    os.makedirs(os.path.dirname(new), exist_ok=True)
    subprocess.run(["git", "mv", old, new], check=True)

# Every test class's package after the moves, and every class of the main package.
where = {}
for root, _, files in os.walk(TEST):
    for f in files:
        if f.endswith(".java"):
            rel = os.path.relpath(root, TEST)
            where[f[:-5]] = "dev.orderhub.local" + ("" if rel == "." else "." + rel.replace(os.sep, "."))
for n in classes_in(MAIN):
    where.setdefault(n, "dev.orderhub.local")

# Every old name, moved now or earlier: a file merged from another branch may still use one.
renamed = {o: n for o, (_, n) in TABLE.items()}
renamed.update({o: n for _, _, o, n, _ in moves})
word = lambda n: re.compile(r"\b" + re.escape(n) + r"\b")

# References to the old names, anywhere in the repository's text files that git tracks.
tracked = subprocess.run(["git", "ls-files", "-z"], check=True, capture_output=True).stdout.decode().split("\0")
for f in tracked:
    if not f or not os.path.isfile(f) or not re.search(r"(\.(java|md|xml|sh|yaml|yml|mjs|properties)|/run|^orderhub)$", f):
        continue
    if f.startswith("scripts/rename-to-tiers"):
        continue
    text = open(f, encoding="utf-8").read()
    out = text
    for o, n in renamed.items():
        if o in out:
            out = word(o).sub(n, out)
    if out != text:
        open(f, "w", encoding="utf-8").write(out)

def fix_java(path, pkg):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(?m)^package [\w.]+;", f"package {pkg};", text, count=1)
    imported = set(re.findall(r"(?m)^import (?:static )?[\w.]+\.(\w+);", text))
    own = os.path.basename(path)[:-5]
    # Names inside string literals are text, not references (TierAssignmentTest's examples).
    body = re.sub(r'"(\\.|[^"\\\n])*"', '""', re.sub(r"(?m)^(package|import) .*$", "", text))
    need = sorted(f"import {where[c]}.{c};" for c in where
                  if c != own and where[c] != pkg and c not in imported and word(c).search(body))
    if need:
        lines = text.split("\n")
        plain = [i for i, l in enumerate(lines) if l.startswith("import ") and not l.startswith("import static ")]
        if plain:
            # Each new import goes before the first one that sorts after it: the others keep their lines (small merges).
            for imp in need:
                plain = [i for i, l in enumerate(lines) if l.startswith("import ") and not l.startswith("import static ")]
                at = next((i for i in plain if lines[i] > imp), plain[-1] + 1)
                lines.insert(at, imp)
        else:
            at = max([i for i, l in enumerate(lines) if l.startswith("import ")] or
                     [next(i for i, l in enumerate(lines) if l.startswith("package "))])
            lines[at + 1:at + 1] = ([""] if lines[at].startswith("package ") else []) + need
        text = "\n".join(lines)
    open(path, "w", encoding="utf-8").write(text)

for root, _, files in os.walk(TEST):
    for f in files:
        if f.endswith(".java"):
            fix_java(os.path.join(root, f), where[f[:-5]])
print(f"rename-to-tiers: moved {len(moves)} classes; now compile: mvn -B -pl local -am test-compile")
PY
