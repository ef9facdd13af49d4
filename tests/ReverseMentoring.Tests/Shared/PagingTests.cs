using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Tests.Shared;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(3, 0, 1, 1)]
    [InlineData(0, 120, 1, 3)]
    [InlineData(-4, 120, 1, 3)]
    [InlineData(2, 120, 2, 3)]
    [InlineData(9, 120, 3, 3)]
    [InlineData(2, 100, 2, 2)]
    [InlineData(3, 101, 3, 3)]
    public void The_page_asked_for_is_kept_between_the_first_and_the_last(int requested, int total, int page, int pageCount) =>
        Assert.Equal((page, pageCount), Paging.Clamp(requested, total, pageSize: 50));

    [Fact]
    public void A_page_holds_its_own_rows_in_order()
    {
        var rows = Enumerable.Range(1, 120).ToList();

        Assert.Equal(Enumerable.Range(51, 50), rows.Page(2, 50));
        Assert.Equal(Enumerable.Range(101, 20), rows.AsQueryable().Page(3, 50));
    }
}
