namespace ReverseMentoring.Web.Features.Shared;

/// <summary>What the _Pager partial needs to draw "previous / page N of M / next" for a long list.</summary>
public sealed record Pager(int Page, int PageCount, int Total, string Singular, string Plural)
{
    public string Counted => Total == 1 ? $"1 {Singular}" : $"{Total:N0} {Plural}";
}
