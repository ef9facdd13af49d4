using System.Text;
using System.Text.Json;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// "Download my data" holds what the person wrote and what the app shows them, never what someone else wrote for HR's
/// eyes only.
/// </summary>
public sealed class MyDataDisclosureTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_partners_reason_for_declining_is_in_the_decliners_download_but_not_in_the_other_sides()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var reason = $"only-hr-reads-this-{Guid.NewGuid():N}";

        await app.SendAsync(
            new RespondToPair.Command { PairId = proposed.Id, Answer = RespondToPair.Answer.Decline, Reason = reason, Version = proposed.Version },
            proposed.Mentee.As);

        var declined = Encoding.UTF8.GetString((await app.SendAsync(new DownloadMyData.Query(), proposed.Mentor.As)).Json);
        var decliner = Encoding.UTF8.GetString((await app.SendAsync(new DownloadMyData.Query(), proposed.Mentee.As)).Json);

        Assert.DoesNotContain(reason, declined, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(decliner);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal(reason, pair.GetProperty("declineReason").GetString());

        // The declined side still learns what the page shows it: the pair, its status and who declined.
        using var theirs = JsonDocument.Parse(declined);
        var theirPair = Assert.Single(theirs.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal(nameof(PairStatus.Declined), theirPair.GetProperty("status").GetString());
        Assert.Equal(nameof(PairResponse.Declined), theirPair.GetProperty("otherSidesResponse").GetString());
    }
}
