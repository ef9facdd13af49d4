using ReverseMentoring.Web.Features.Pairing.Engine;

namespace ReverseMentoring.Tests.Pairing;

/// <summary>The assignment solver against the textbook O(n³) Hungarian method on matrices too big to enumerate.</summary>
public sealed class AssignmentTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(7, 7)]
    [InlineData(30, 45)]
    [InlineData(60, 60)]
    [InlineData(80, 120)]
    public void Finds_the_same_minimum_cost_as_the_textbook_method(int rows, int cols)
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var rng = new Random((seed * 1000) + rows);
            // Few distinct values and many zeros: the ties and "unmatched" cells the engine produces.
            var spread = seed % 2 == 0 ? 5 : 100_000;
            var cost = new long[rows * cols];
            for (var i = 0; i < cost.Length; i++)
            {
                cost[i] = rng.NextDouble() < 0.3 ? 0 : -rng.Next(1, spread);
            }

            var assigned = Assignment.Solve(cost, rows, cols);
            var assignedNarrow = Assignment.Solve([.. cost.Select(c => (int)c)], rows, cols);

            var expected = Textbook(cost, rows, cols);
            foreach (var columns in new[] { assigned, assignedNarrow })
            {
                Assert.Equal(rows, columns.Distinct().Count());
                var total = Enumerable.Range(0, rows).Sum(i => cost[(i * cols) + columns[i]]);
                Assert.True(expected == total, $"seed {seed}, {rows}×{cols}: {total}, textbook {expected}");
            }
        }
    }

    /// <summary>Shortest augmenting paths with potentials, one row at a time (rows ≤ cols).</summary>
    private static long Textbook(long[] cost, int rows, int cols)
    {
        const long Inf = long.MaxValue / 4;
        var u = new long[rows + 1];
        var v = new long[cols + 1];
        var p = new int[cols + 1];
        var way = new int[cols + 1];
        for (var i = 1; i <= rows; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = Enumerable.Repeat(Inf, cols + 1).ToArray();
            var used = new bool[cols + 1];
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = Inf;
                for (var j = 1; j <= cols; j++)
                {
                    if (!used[j])
                    {
                        var cur = cost[((i0 - 1) * cols) + j - 1] - u[i0] - v[j];
                        if (cur < minv[j])
                        {
                            minv[j] = cur;
                            way[j] = j0;
                        }

                        if (minv[j] < delta)
                        {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }

                for (var j = 0; j <= cols; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        long total = 0;
        for (var j = 1; j <= cols; j++)
        {
            if (p[j] != 0)
            {
                total += cost[((p[j] - 1) * cols) + j - 1];
            }
        }

        return total;
    }
}
