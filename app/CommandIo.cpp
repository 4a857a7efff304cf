#include "CommandIo.h"

#include "src/config/ProfileLoader.h"

namespace golive::app {

void writeOut(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void writeOut(FILE *stream, const QString &text)
{
    writeOut(stream, text.toLocal8Bit());
}

void complain(const QString &message)
{
    writeOut(stderr, QStringLiteral("golive: %1\n").arg(message));
}

Result<Profile> loadProfile(const Invocation &invocation)
{
    if (invocation.profilePath.isEmpty())
        return Profile();
    return ProfileLoader::fromFile(invocation.profilePath);
}

} // namespace golive::app
