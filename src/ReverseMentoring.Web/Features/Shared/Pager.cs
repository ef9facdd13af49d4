namespace ReverseMentoring.Web.Features.Shared;

/// <summary>What the _Pager partial needs to draw "previous / page N of M / next" for a long list.</summary>
/// <param name="KeepQuery">Query string the page links carry besides the page number (a filter), e.g. "archived=true".</param>
public sealed record Pager(int Page, int PageCount, int Total, string Singular, string Plural, string? KeepQuery = null)
{
    public string Link(int page) => string.IsNullOrEmpty(KeepQuery) ? $"?page={page}" : $"?page={page}&{KeepQuery}";

    public string Counted => Total == 1 ? $"1 {Singular}" : $"{Total:N0} {Plural}";
}
