namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// Patterns for <c>EF.Functions.Like</c> over text people type (names, e-mail addresses, searched words), matched
/// whatever the case on every provider. SQLite's LIKE and SQL Server's default collation ignore case, PostgreSQL's LIKE
/// does not, so a query compares the column's lower-case form with one of these lower-case patterns:
/// <c>EF.Functions.Like(u.Email!.ToLower(), LikePattern.Containing(text), LikePattern.Escape)</c>. lower() is the same
/// function on the three; on SQLite it folds ASCII letters only, as SQLite's LIKE always did.
/// </summary>
public static class LikePattern
{
    /// <summary>The escape character the patterns use for a literal %, _ or \.</summary>
    public const string Escape = "\\";

    /// <summary>The text itself, nothing before or after: an equality that ignores case.</summary>
    public static string Exactly(string text) => Literal(text).ToLowerInvariant();

    /// <summary>Any text holding <paramref name="text"/>.</summary>
    public static string Containing(string text) => "%" + Exactly(text) + "%";

    private static string Literal(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
