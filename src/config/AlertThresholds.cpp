#include "src/config/AlertThresholds.h"

namespace golive {

QMap<QString, ModelPrice> defaultModelPrices()
{
    QMap<QString, ModelPrice> prices;
    for (const auto &entry : defaults::modelPrices)
        prices.insert(QString::fromLatin1(entry.model),
                      ModelPrice{entry.inputPerMTok, entry.outputPerMTok, entry.perSearchUnit});
    return prices;
}

} // namespace golive
