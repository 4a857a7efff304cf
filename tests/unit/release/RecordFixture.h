#pragma once

#include "src/release/ReleaseRecord.h"

#include "FakeClock.h"
#include "QStringPrinter.h"
#include "TestRecordKey.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace golive::test {

class RecordFixture : public ::testing::Test {
protected:
    QTemporaryDir folder;
    FakeClock clock;
    RecordKey key = testRecordKey();

    QString recordPath() const
    {
        return folder.filePath(QString::fromLatin1(ReleaseRecord::fileName));
    }

    std::unique_ptr<ReleaseRecord> openRecord()
    {
        auto record = ReleaseRecord::open(folder.path(), clock, key);
        EXPECT_TRUE(record.ok()) << (record.ok() ? std::string()
                                                 : record.error().message.toStdString());
        return record.ok() ? std::move(record).value() : nullptr;
    }

    // Appends `count` notes, one second apart.
    void appendNotes(ReleaseRecord &record, int count)
    {
        for (int i = 0; i < count; ++i) {
            clock.advanceSeconds(1);
            ASSERT_TRUE(record
                            .append(QStringLiteral("note"), QStringLiteral("alice"),
                                    {{QStringLiteral("item"), QStringLiteral("item-%1").arg(i)}})
                            .ok());
        }
    }

    QList<QByteArray> lines() const
    {
        QFile file(recordPath());
        EXPECT_TRUE(file.open(QIODevice::ReadOnly));
        QList<QByteArray> result = file.readAll().split('\n');
        if (!result.isEmpty() && result.last().isEmpty())
            result.removeLast();
        return result;
    }

    void writeLines(const QList<QByteArray> &newLines, bool finalNewline = true) const
    {
        QFile file(recordPath());
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QByteArray bytes;
        for (const QByteArray &line : newLines)
            bytes += line + '\n';
        if (!finalNewline)
            bytes.chop(1);
        file.write(bytes);
    }

    RecordVerification verified() const
    {
        const auto result = ReleaseRecord::verify(recordPath(), key);
        EXPECT_TRUE(result.ok());
        return result.ok() ? result.value() : RecordVerification{};
    }
};

} // namespace golive::test
