namespace ReverseMentoring.Web.Features.Shared;

/// <summary>How every long list is cut into pages, written once.</summary>
public static class Paging
{
    /// <summary>
    /// The page to show of <paramref name="total"/> rows, and how many pages there are: the page asked for, kept
    /// between the first and the last, so a stale link still shows a page; no rows still make one, empty, page.
    /// </summary>
    public static (int Page, int PageCount) Clamp(int requested, int total, int pageSize)
    {
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(requested, 1, pageCount), pageCount);
    }

    /// <summary>The rows of one page of an ordered query.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> ordered, int page, int pageSize) =>
        ordered.Skip((page - 1) * pageSize).Take(pageSize);

    /// <summary>The rows of one page of an ordered list.</summary>
    public static IEnumerable<T> Page<T>(this IEnumerable<T> ordered, int page, int pageSize) =>
        ordered.Skip((page - 1) * pageSize).Take(pageSize);
}
