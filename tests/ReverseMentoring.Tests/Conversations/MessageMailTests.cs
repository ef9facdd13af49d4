using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Tests.Conversations;

public sealed class MessageMailTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    [Fact]
    public async Task New_messages_are_emailed_once_an_hour_at_most_and_never_to_their_author()
    {
        var talk = await app.PairAsync();
        await app.SayAsync(talk.Mentor, talk.Id, "First");
        await app.SayAsync(talk.Mentor, talk.Id, "Second");

        // Under a minute old: the reader may be looking, or more may follow.
        await app.RunMessageMailAsync();
        Assert.Empty(await app.MessageMailsToAsync(talk.Mentee));

        app.Advance(TimeSpan.FromMinutes(2));
        await app.RunMessageMailAsync();
        var first = Assert.Single(await app.MessageMailsToAsync(talk.Mentee));
        Assert.Equal($"You have 2 new messages from {talk.Mentor.User.DisplayName}", first.Subject);
        Assert.Empty(await app.MessageMailsToAsync(talk.Mentor));
        Assert.Contains(first.Subject, app.MailTo(talk.Mentee.Email).Select(m => m.Subject));
        Assert.Contains($"/Participant/Pairs/{talk.Id}/Messages", app.MailTo(talk.Mentee.Email).Single().TextBody);

        // Running again, or with more messages within the hour: nothing more.
        await app.RunMessageMailAsync();
        app.Advance(TimeSpan.FromMinutes(10));
        await app.SayAsync(talk.Mentor, talk.Id, "Third");
        app.Advance(TimeSpan.FromMinutes(30));
        await app.RunMessageMailAsync();
        Assert.Single(await app.MessageMailsToAsync(talk.Mentee));

        // An hour after the first e-mail, the unread messages are told again, with the count of all still unread.
        app.Advance(TimeSpan.FromMinutes(20));
        await app.RunMessageMailAsync();
        var mails = await app.MessageMailsToAsync(talk.Mentee);
        Assert.Equal(2, mails.Count);
        Assert.Equal($"You have 3 new messages from {talk.Mentor.User.DisplayName}", mails[1].Subject);
        Assert.Empty(await app.MessageMailsToAsync(talk.Mentor));
    }

    [Fact]
    public async Task Messages_read_before_the_job_runs_are_not_emailed_and_told_ones_are_not_told_again()
    {
        var talk = await app.PairAsync();
        await app.SayAsync(talk.Mentee, talk.Id, "Read straight away");
        app.Advance(TimeSpan.FromMinutes(2));
        await (await app.SignedInClientAsync(talk.Mentor.User)).GetHtmlAsync($"/Participant/Pairs/{talk.Id}/Messages");

        await app.RunMessageMailAsync();
        Assert.Empty(await app.MessageMailsToAsync(talk.Mentor));

        app.Advance(TimeSpan.FromSeconds(1));
        await app.SayAsync(talk.Mentee, talk.Id, "Not read");
        app.Advance(TimeSpan.FromMinutes(2));
        await app.RunMessageMailAsync();
        Assert.Equal("You have 1 new message from " + talk.Mentee.User.DisplayName, Assert.Single(await app.MessageMailsToAsync(talk.Mentor)).Subject);

        // Two hours on with nothing new: the message already told is not told again.
        app.Advance(TimeSpan.FromHours(2));
        await app.RunMessageMailAsync();
        Assert.Single(await app.MessageMailsToAsync(talk.Mentor));
        var emailedAt = await app.ExecuteDbContextAsync(db => db.PairReadMarkers.Where(r => r.PairId == talk.Id && r.UserId == talk.Mentor.Id)
            .Select(r => r.LastEmailedAtUtc).SingleAsync());
        Assert.NotNull(emailedAt);
    }
}
