using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Filters by a short list of ids, such as a person's own pairs or enrolments. EF Core 10 sends a list as one parameter per
/// item, so it writes such a query's SQL again on every execution (the SQL depends on the count); a list of one, the usual
/// case for a person, is asked for as an equality instead, whose SQL is written once and reused. The rows are the same.
/// A list longer than <see cref="LongFrom"/> (a job's or a page's over a whole program) is sent as one array parameter
/// instead: one parameter per id fails past the server's limit (32,766 on SQLite, 65,535 on PostgreSQL; SQL Server falls
/// back by itself past 2,100 for a lone list, not for two), and such a list is long enough for the database to plan on.
/// </summary>
public static class IdLists
{
    /// <summary>From how many ids a list is sent as one array parameter (docs/decisions/0027).</summary>
    public const int LongFrom = 1_000;

    /// <summary>The rows whose <paramref name="key"/> is one of <paramref name="ids"/>.</summary>
    public static IQueryable<T> WhereIdIn<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, IReadOnlyCollection<TKey> ids)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ids);

        // Read through a captured field, as a closure would be: EF makes it a parameter, not a constant in the SQL.
        Expression list = Captured<IEnumerable<TKey>>(ids);
        if (ids.Count >= LongFrom)
        {
            list = Expression.Call(typeof(EF), nameof(EF.Parameter), [typeof(IEnumerable<TKey>)], list);
        }

        Expression test = ids.Count == 1
            ? Expression.Equal(key.Body, Captured(ids.First()))
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], list, key.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(test, key.Parameters));
    }

    private static MemberExpression Captured<TValue>(TValue value) =>
        Expression.Field(Expression.Constant(new Capture<TValue>(value)), nameof(Capture<TValue>.Value));

    private sealed class Capture<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }
}
