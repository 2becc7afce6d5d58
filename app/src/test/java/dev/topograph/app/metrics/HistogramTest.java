package dev.topograph.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code histogram_quantile} on classic buckets, worked by hand as PromQL computes it. */
class HistogramTest {

    private static Histogram histogram(double... boundsAndCounts) {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            buckets.add(new Bucket(boundsAndCounts[i], boundsAndCounts[i + 1]));
        }
        return new Histogram(buckets);
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    /** The histogram of the format's documentation. */
    private final Histogram documented = histogram(0.05, 24054, 0.1, 33444, 0.2, 100392, 0.5, 129389, 1, 133988, INF, 144320);

    @Test
    void interpolatesLinearlyWithinTheBucketHoldingTheRank() {
        // rank = 0.5 × 144320 = 72160, first reached in le=0.2 (100392); that bucket holds
        // 100392 − 33444 = 66948 observations, the rank is 72160 − 33444 = 38716 into it:
        // 0.1 + (0.2 − 0.1) × 38716 / 66948 = 0.15783...
        assertThat(documented.quantile(0.5)).isCloseTo(0.1 + 0.1 * 38716 / 66948, within(1e-15));
        assertThat(documented.quantile(0.5)).isCloseTo(0.157830, within(1e-6));
    }

    @Test
    void interpolatesFromZeroInAFirstBucketWithAPositiveBound() {
        // rank = 0.1 × 144320 = 14432 ≤ 24054 in le=0.05: 0 + 0.05 × 14432 / 24054 = 0.029999...
        assertThat(documented.quantile(0.1)).isCloseTo(0.05 * 14432 / 24054, within(1e-15));
        // rank 0 lands in the first bucket too, at its start
        assertThat(documented.quantile(0)).isEqualTo(0);
    }

    @Test
    void givesTheHighestFiniteBoundWhenTheRankFallsInTheInfBucket() {
        // rank = 0.95 × 144320 = 137104 > 133988 (le=1): only +Inf reaches it, so the answer is 1
        assertThat(documented.quantile(0.95)).isEqualTo(1);
        assertThat(documented.quantile(1)).isEqualTo(1);
    }

    @Test
    void givesTheBoundOfAFirstBucketThatIsZeroOrBelow() {
        // counts 5 (le=-1), 10 (le=0), 20 (+Inf)
        Histogram signed = histogram(-1, 5, 0, 10, INF, 20);
        // rank 2 is in le=-1, which has no lower bound to interpolate from
        assertThat(signed.quantile(0.1)).isEqualTo(-1);
        // rank 8: 3 into le=0, which holds 5, from -1: -1 + 1 × 3/5 = -0.4
        assertThat(signed.quantile(0.4)).isCloseTo(-0.4, within(1e-15));
    }

    @Test
    void answersOutOfRangeQuantilesWithInfinitiesAndNaNWithNaN() {
        assertThat(documented.quantile(-0.01)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(documented.quantile(1.01)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(documented.quantile(Double.NaN)).isNaN();
        // q is checked before the buckets, as in PromQL
        assertThat(histogram().quantile(2)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void givesNaNWithoutObservationsWithoutAnInfBucketOrWithFewerThanTwoBuckets() {
        assertThat(histogram(0.1, 0, 1, 0, INF, 0).quantile(0.5)).isNaN();
        assertThat(histogram(0.1, 3, 1, 5).quantile(0.5)).isNaN();
        assertThat(histogram(INF, 7).quantile(0.5)).isNaN();
        assertThat(histogram().quantile(0.5)).isNaN();
    }

    @Test
    void sortsBucketsByBoundWhateverTheirOrder() {
        Histogram shuffled = histogram(1, 133988, INF, 144320, 0.1, 33444, 0.5, 129389, 0.05, 24054, 0.2, 100392);
        assertThat(shuffled.quantile(0.5)).isEqualTo(documented.quantile(0.5));
    }

    @Test
    void addsUpBucketsWithTheSameBoundAsSeriesSummedByLe() {
        // two series: le=1 3+2, le=2 4+6, +Inf 4+6 → 5, 10, 10
        // rank = 0.75 × 10 = 7.5, in le=2 (10), which holds 5, 2.5 into it: 1 + 1 × 2.5/5 = 1.5
        Histogram twoSeries = histogram(1, 3, 2, 4, INF, 4, 1, 2, 2, 6, INF, 6);
        assertThat(twoSeries.quantile(0.75)).isEqualTo(1.5);
    }

    @Test
    void replacesACountBelowAnEarlierOneByThatCount() {
        // 10 (le=1), 8 (le=2), 12 (le=3), 12 (+Inf) is made 10, 10, 12, 12
        // rank = 0.9 × 12 = 10.8, in le=3, which then holds 2, 0.8 into it: 2 + 1 × 0.8/2 = 2.4
        // (left as it was, le=3 would hold 4 and the answer be 2 + 2.8/4 = 2.7)
        assertThat(histogram(1, 10, 2, 8, 3, 12, INF, 12).quantile(0.9)).isCloseTo(2.4, within(1e-12));
    }

    @Test
    void treatsADifferenceOfRoundingSizeAsNoDifference() {
        // 50 (le=1), 100 (le=2), 100 + 1e-11 (le=3), 100 + 1e-11 (+Inf): le=3 differs from le=2 by
        // 5e-14 relative, below PromQL's 1e-12, so it holds 100 like le=2, and so does +Inf.
        // q = 1: rank 100 is reached in le=2, 50 into its 50: 1 + 1 × 50/50 = 2
        // (taken at face value, le=3 would hold the last 1e-11 observations and the answer be 3)
        assertThat(histogram(1, 50, 2, 100, 3, 100 + 1e-11, INF, 100 + 1e-11).quantile(1)).isEqualTo(2);
    }
}
