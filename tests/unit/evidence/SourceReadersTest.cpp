// How the language readers see code: through aliases, spreads and multi-line calls, and never
// through comments or strings.
#include "SourceTestSupport.h"

#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::testing;

TEST(TypeScriptReader, CommentsAndStringsNamingAV1ClientAreNoClient)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("a.ts"), R"(import { CohereClientV2 } from 'cohere-ai';
// const old = new CohereClient({ token: 'x' });
/* new CohereClient() */
const doc = `new CohereClient({})`;
const s = 'new CohereClient()';
const co = new CohereClientV2({});
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(resultOf(report, QStringLiteral("api-v2")), EvidenceResult::Pass);
}

TEST(TypeScriptReader, AClientRequiredAndKeptOnThisIsFollowedToItsCalls)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("svc.js"), R"(const { CohereClient: V1, CohereClientV2 } = require('cohere-ai');
class Search {
  constructor() {
    this.client = new CohereClientV2({ token: process.env.CO_API_KEY });
  }
  async find(q) {
    return this.client
      .embed({
        model: 'embed-v4.0',
        texts: [q],
        embeddingTypes: ['float'] });
  }
}
const legacy = new V1();
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(locations(report, QStringLiteral("embed-input-type")),
              QStringList({QStringLiteral("src/svc.js:7")}));
    EXPECT_EQ(locations(report, QStringLiteral("api-v2")),
              QStringList({QStringLiteral("src/svc.js:14")}));
}

TEST(TypeScriptReader, ASpreadOfAnObjectFromElsewhereIsUnknownNotAPass)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("a.ts"), R"(import { CohereClientV2 } from 'cohere-ai';
import { defaults } from './defaults';
const co = new CohereClientV2({});
co.embed({ ...defaults, texts: ['x'], embeddingTypes: ['float'] });
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(resultOf(report, QStringLiteral("embed-input-type")), EvidenceResult::Unknown);
    EXPECT_EQ(resultOf(report, QStringLiteral("explicit-model")), EvidenceResult::Unknown);
    EXPECT_EQ(locations(report, QStringLiteral("embed-input-type")),
              QStringList({QStringLiteral("src/a.ts:4")}));
}

TEST(TypeScriptReader, AnEmbedMethodOfSomethingElseIsNotACohereCall)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("a.ts"), R"(import { CohereClientV2 } from 'cohere-ai';
const co = new CohereClientV2({});
const vectors = { embed: (x: unknown) => x };
vectors.embed({ texts: [] });
co.rerank({ model: 'rerank-v3.5', query: 'q', documents: [] });
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(resultOf(report, QStringLiteral("embed-input-type")), EvidenceResult::Pass);
    EXPECT_EQ(resultOf(report, QStringLiteral("explicit-model")), EvidenceResult::Pass);
}

TEST(TypeScriptReader, AKeyAsAFallbackOfTheEnvironmentIsStillHardCoded)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("a.ts"), R"(import { CohereClientV2 } from 'cohere-ai';
const co = new CohereClientV2({
  token:
    process.env.CO_API_KEY ?? 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90',
});
const tokenizerName = 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90X'; // not a key-like name
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(locations(report, QStringLiteral("no-hardcoded-keys")),
              QStringList({QStringLiteral("src/a.ts:4")}));
}

TEST(PythonReader, AModuleAliasAndAnImportedAliasBothMakeClients)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("w.py"), R"(import cohere as co
from cohere import Client as Legacy

old = Legacy()
new = co.ClientV2()
new.chat(
    messages=[],
    model="command-a-03-2025",
)
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(locations(report, QStringLiteral("api-v2")),
              QStringList({QStringLiteral("src/w.py:4")}));
    EXPECT_EQ(locations(report, QStringLiteral("max-tokens")),
              QStringList({QStringLiteral("src/w.py:6")}));
    EXPECT_EQ(resultOf(report, QStringLiteral("explicit-model")), EvidenceResult::Pass);
}

TEST(PythonReader, ClientsKeptOnSelfAndKeyLikeAttributesAreFollowed)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("svc.py"), R"(import cohere


class Search:
    def __init__(self):
        self.api_key = "Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90"
        self.client = cohere.ClientV2(api_key=self.api_key)

    def find(self, q):
        # self.client.embed(texts=[q]) in a comment is no call
        return self.client.embed(texts=[q], model="embed-v4.0", input_type="search_query")
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(locations(report, QStringLiteral("no-hardcoded-keys")),
              QStringList({QStringLiteral("src/svc.py:6")}));
    EXPECT_EQ(locations(report, QStringLiteral("embed-embedding-types")),
              QStringList({QStringLiteral("src/svc.py:11")}));
}

TEST(PythonReader, AnUnknownSplatIsUnknownAndAKnownOneIsRead)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("w.py"), R"(import cohere
from settings import EXTRA

ARGS = {"model": "embed-v4.0", "input_type": "search_query", "embedding_types": ["float"]}
c = cohere.ClientV2()
c.embed(texts=["a"], **ARGS)
c.embed(texts=["b"], **EXTRA)
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(locations(report, QStringLiteral("embed-input-type")),
              QStringList({QStringLiteral("src/w.py:7")}));
    EXPECT_EQ(resultOf(report, QStringLiteral("embed-input-type")), EvidenceResult::Unknown);
}

TEST(PythonReader, CatchingAnErrorClassOfTheSdkCountsAsErrorHandling)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("w.py"), R"(import cohere
c = cohere.ClientV2()
try:
    c.chat(model="command-a-03-2025", messages=[], max_tokens=5)
except (cohere.errors.TooManyRequestsError, ValueError):
    pass
)");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(resultOf(report, QStringLiteral("error-handling")), EvidenceResult::Pass);
    EXPECT_EQ(resultOf(report, QStringLiteral("streaming")), EvidenceResult::Unknown);
}

TEST(SourceScanner, CodeWithoutAnyCohereCallProvesNothing)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("a.py"), "print('hello')\n");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(report.filesScanned, 1);
    EXPECT_EQ(resultOf(report, QStringLiteral("api-v2")), EvidenceResult::Unknown);
    EXPECT_EQ(resultOf(report, QStringLiteral("explicit-model")), EvidenceResult::Unknown);
}
