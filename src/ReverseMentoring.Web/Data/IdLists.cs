using System.Linq.Expressions;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Filters by a short list of ids, such as a person's own pairs or enrolments. EF Core 10 sends a list as one parameter per
/// item, so it writes such a query's SQL again on every execution (the SQL depends on the count); a list of one, the usual
/// case for a person, is asked for as an equality instead, whose SQL is written once and reused. The rows are the same.
/// </summary>
public static class IdLists
{
    /// <summary>The rows whose <paramref name="key"/> is one of <paramref name="ids"/>.</summary>
    public static IQueryable<T> WhereIdIn<T>(this IQueryable<T> source, Expression<Func<T, int>> key, IReadOnlyCollection<int> ids)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ids);

        // Read through a captured field, as a closure would be: EF makes it a parameter, not a constant in the SQL.
        Expression test = ids.Count == 1
            ? Expression.Equal(key.Body, Captured(ids.First()))
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], Captured<IEnumerable<int>>(ids), key.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(test, key.Parameters));
    }

    private static MemberExpression Captured<TValue>(TValue value) =>
        Expression.Field(Expression.Constant(new Capture<TValue>(value)), nameof(Capture<TValue>.Value));

    private sealed class Capture<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }
}
