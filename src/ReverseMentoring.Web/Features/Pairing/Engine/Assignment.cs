using System.Numerics;

namespace ReverseMentoring.Web.Features.Pairing.Engine;

internal static class Assignment
{
    /// <summary>
    /// <paramref name="cost"/> is rows × cols, row-major, with rows ≤ cols; the missing rows cost 0 everywhere,
    /// which squares the problem without storing them. Returns the column of each real row.
    /// </summary>
    public static int[] Solve(long[] cost, int rows, int cols) => Assignment<long>.Solve(cost, rows, cols);

    /// <inheritdoc cref="Solve(long[], int, int)"/>
    /// <remarks>Half the memory traffic of <see langword="long"/> costs; the path search reads whole rows, so this is what bounds its speed.</remarks>
    public static int[] Solve(int[] cost, int rows, int cols) => Assignment<int>.Solve(cost, rows, cols);
}

/// <summary>
/// Minimum-cost assignment of every row to its own column (Jonker-Volgenant: column reduction, reduction
/// transfer, augmenting row reduction, then Dijkstra shortest augmenting paths), exact on integer costs.
/// </summary>
internal sealed class Assignment<T>
    where T : unmanaged, IBinaryInteger<T>
{
    private const long Large = long.MaxValue / 4;

    private readonly T[] _cost;
    private readonly int _rows;
    private readonly int _n;
    private readonly T[] _zeroRow;
    private readonly int[] _x;
    private readonly int[] _y;
    private readonly long[] _v;

    private Assignment(T[] cost, int rows, int cols)
    {
        _cost = cost;
        _rows = rows;
        _n = cols;
        _zeroRow = new T[cols];
        _x = new int[cols];
        _y = new int[cols];
        _v = new long[cols];
    }

    public static int[] Solve(T[] cost, int rows, int cols)
    {
        if (rows > cols)
        {
            throw new ArgumentException("There must be at least as many columns as rows.", nameof(rows));
        }

        if (rows == 0)
        {
            return [];
        }

        if (cols == 1)
        {
            return [0];
        }

        var solver = new Assignment<T>(cost, rows, cols);
        solver.Run();
        return solver._x[..rows];
    }

    private ReadOnlySpan<T> Row(int i) => i < _rows ? _cost.AsSpan(i * _n, _n) : _zeroRow;

    private void Run()
    {
        var free = new int[_n];
        var freeCount = ReduceColumns(free);
        for (var pass = 0; pass < 2 && freeCount > 0; pass++)
        {
            freeCount = ReduceRows(free, freeCount);
        }

        if (freeCount > 0)
        {
            Augment(free, freeCount);
        }
    }

    private int ReduceColumns(int[] free)
    {
        var v = _v;
        var y = _y;
        var x = _x;
        Array.Fill(v, Large);
        Array.Fill(y, -1);
        Array.Fill(x, -1);
        for (var i = 0; i < _rows; i++)
        {
            var row = _cost.AsSpan(i * _n, _n);
            for (var j = 0; j < row.Length; j++)
            {
                if (long.CreateTruncating(row[j]) < v[j])
                {
                    v[j] = long.CreateTruncating(row[j]);
                    y[j] = i;
                }
            }
        }

        if (_rows < _n)
        {
            for (var j = 0; j < _n; j++)
            {
                if (0 < v[j])
                {
                    v[j] = 0;
                    y[j] = _rows;
                }
            }
        }

        var unique = new bool[_n];
        Array.Fill(unique, true);
        for (var j = _n - 1; j >= 0; j--)
        {
            var i = y[j];
            if (x[i] < 0)
            {
                x[i] = j;
            }
            else
            {
                unique[i] = false;
                y[j] = -1;
            }
        }

        var freeCount = 0;
        for (var i = 0; i < _n; i++)
        {
            if (x[i] < 0)
            {
                free[freeCount++] = i;
            }
            else if (unique[i])
            {
                // Reduction transfer: lower the assigned column's price as far as the row's second best allows.
                var j = x[i];
                var row = Row(i);
                var min = Large;
                for (var j2 = 0; j2 < row.Length; j2++)
                {
                    if (j2 != j)
                    {
                        var c = long.CreateTruncating(row[j2]) - v[j2];
                        if (c < min)
                        {
                            min = c;
                        }
                    }
                }

                v[j] -= min;
            }
        }

        return freeCount;
    }

    private int ReduceRows(int[] free, int freeCount)
    {
        var v = _v;
        var x = _x;
        var y = _y;
        var current = 0;
        var newFree = 0;
        long rounds = 0;
        while (current < freeCount)
        {
            rounds++;
            var freeRow = free[current++];
            var row = Row(freeRow);
            var j1 = 0;
            var v1 = long.CreateTruncating(row[0]) - v[0];
            var j2 = -1;
            var v2 = Large;
            for (var j = 1; j < row.Length; j++)
            {
                var c = long.CreateTruncating(row[j]) - v[j];
                if (c < v2)
                {
                    if (c >= v1)
                    {
                        v2 = c;
                        j2 = j;
                    }
                    else
                    {
                        v2 = v1;
                        v1 = c;
                        j2 = j1;
                        j1 = j;
                    }
                }
            }

            var i0 = y[j1];
            var v1New = v[j1] - (v2 - v1);
            var v1Lowers = v1New < v[j1];
            if (rounds < (long)current * _n)
            {
                if (v1Lowers)
                {
                    v[j1] = v1New;
                }
                else if (i0 >= 0 && j2 >= 0)
                {
                    j1 = j2;
                    i0 = y[j2];
                }

                if (i0 >= 0)
                {
                    if (v1Lowers)
                    {
                        free[--current] = i0;
                    }
                    else
                    {
                        free[newFree++] = i0;
                    }
                }
            }
            else if (i0 >= 0)
            {
                free[newFree++] = i0;
            }

            x[freeRow] = j1;
            y[j1] = freeRow;
        }

        return newFree;
    }

    private void Augment(int[] free, int freeCount)
    {
        var pred = new int[_n];
        var d = new long[_n];
        var todo = new bool[_n];
        var scanned = new int[_n];
        var level = new int[_n];
        for (var f = 0; f < freeCount; f++)
        {
            var start = free[f];
            var j = ShortestPath(start, pred, d, todo, scanned, level);
            var i = -1;
            while (i != start)
            {
                i = pred[j];
                _y[j] = i;
                (j, _x[i]) = (_x[i], j);
            }
        }
    }

    /// <summary>
    /// Dijkstra on reduced costs from a free row to the nearest free column, then updates the column prices.
    /// Columns are visited in index order with a to-do flag rather than through a permuted list: the reads
    /// stay sequential, which matters more than skipping the few columns already settled.
    /// </summary>
    private int ShortestPath(int start, int[] pred, long[] d, bool[] todo, int[] scanned, int[] level)
    {
        var v = _v;
        var y = _y;
        var n = _n;
        var startRow = Row(start);
        for (var j = 0; j < n; j++)
        {
            pred[j] = start;
            d[j] = long.CreateTruncating(startRow[j]) - v[j];
            todo[j] = true;
        }

        var scannedCount = 0;
        var final = -1;
        var mind = 0L;
        while (final == -1)
        {
            // The next distance level: every to-do column at the minimum; stop at once if one is free.
            mind = Large;
            for (var j = 0; j < n; j++)
            {
                if (todo[j] && d[j] < mind)
                {
                    mind = d[j];
                }
            }

            var levelCount = 0;
            for (var j = 0; j < n; j++)
            {
                if (todo[j] && d[j] == mind)
                {
                    if (y[j] < 0)
                    {
                        final = j;
                        break;
                    }

                    todo[j] = false;
                    level[levelCount++] = j;
                }
            }

            while (final == -1 && levelCount > 0)
            {
                var j1 = level[--levelCount];
                scanned[scannedCount++] = j1;
                var i = y[j1];
                var row = Row(i);
                var h = long.CreateTruncating(row[j1]) - v[j1] - mind;
                // Settled columns need no to-do test here: every row sits on its cheapest reduced column,
                // so from a settled row nothing is nearer than the current level and they never improve.
                for (var j = 0; j < n; j++)
                {
                    var reduced = long.CreateTruncating(row[j]) - v[j] - h;
                    if (reduced < d[j])
                    {
                        d[j] = reduced;
                        pred[j] = i;
                        if (reduced == mind)
                        {
                            if (y[j] < 0)
                            {
                                final = j;
                                break;
                            }

                            todo[j] = false;
                            level[levelCount++] = j;
                        }
                    }
                }
            }
        }

        for (var k = 0; k < scannedCount; k++)
        {
            var j = scanned[k];
            v[j] += d[j] - mind;
        }

        return final;
    }
}
