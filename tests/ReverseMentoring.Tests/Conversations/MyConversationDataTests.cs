using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Tests.Conversations;

public sealed class MyConversationDataTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    [Fact]
    public async Task A_persons_download_holds_the_messages_and_concerns_they_wrote_and_not_their_partners()
    {
        var talk = await app.PairAsync();
        await app.SayAsync(talk.Mentor, talk.Id, "Mine to download");
        await app.SayAsync(talk.Mentee, talk.Id, "The partner's words");
        await app.SendAsync(new RaiseConcern.Command { PairId = talk.Id, Category = ConcernCategory.NoShows, Text = "My concern to download" }, talk.Mentor.As);

        var mine = await app.ExecuteDbContextAsync(db => DownloadMyData.ReadAsync(db, talk.Mentor.Id, app.Now, CancellationToken.None));
        var partners = await app.ExecuteDbContextAsync(db => DownloadMyData.ReadAsync(db, talk.Mentee.Id, app.Now, CancellationToken.None));

        Assert.Equal(["Mine to download"], mine.MessagesWritten.Select(m => m.Text));
        Assert.Equal("My concern to download", Assert.Single(mine.ConcernsRaised).Text);
        Assert.Equal(["The partner's words"], partners.MessagesWritten.Select(m => m.Text));
        Assert.Empty(partners.ConcernsRaised);
    }
}
