using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Tests.Conversations;

public sealed class RetentionAndErasureTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    private async Task<(TalkingPair Talk, int Reported, string StoredFile)> TalkAsync(DateOnly endsOn)
    {
        var program = await app.ProgramAsync(ProgramStatus.Closed, endsOn: endsOn, startsOn: endsOn.AddDays(-180));
        var talk = await app.PairAsync(program);

        // Written while the pair was active; the program closed since.
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == program.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProgramStatus.Running)));
        var first = await app.SayAsync(talk.Mentor, talk.Id, "Kept until retention", attachment: ConversationsApp.Pdf());
        await app.SayAsync(talk.Mentee, talk.Id, "A reply", replyTo: first);
        await app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = first, Reason = "Check" }, talk.Mentee.As);
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == program.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProgramStatus.Closed)));
        var stored = await app.ExecuteDbContextAsync(db => db.PairMessages.Where(m => m.Id == first).Select(m => m.AttachmentStoredName!).SingleAsync());
        return (talk, first, stored);
    }

    private bool FileExists(string stored) => File.Exists(Path.Combine(app.UploadFolder, stored));

    [Fact]
    public async Task Messages_their_files_and_reports_are_deleted_90_days_after_the_program_ends_and_not_before()
    {
        var today = DateOnly.FromDateTime(app.Now);
        var (young, _, youngFile) = await TalkAsync(today.AddDays(-PairMessage.RetentionDays + 1));
        var (old, _, oldFile) = await TalkAsync(today.AddDays(-PairMessage.RetentionDays - 1));

        await app.RunRetentionAsync();

        Assert.Equal(2, await app.MessageCountAsync(young.Id));
        Assert.True(FileExists(youngFile));
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.MessageReports.CountAsync(r => r.PairId == young.Id)));

        Assert.Equal(0, await app.MessageCountAsync(old.Id));
        Assert.False(FileExists(oldFile));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.MessageReports.CountAsync(r => r.PairId == old.Id)));

        // Two days on, the younger program's messages are past retention too.
        app.Advance(TimeSpan.FromDays(2));
        await app.RunRetentionAsync();
        Assert.Equal(0, await app.MessageCountAsync(young.Id));
        Assert.False(FileExists(youngFile));
    }

    [Fact]
    public async Task Erasing_a_person_deletes_the_messages_of_their_pairs_with_files_and_reports_and_the_words_of_their_concerns()
    {
        var talk = await app.PairAsync();
        var first = await app.SayAsync(talk.Mentee, talk.Id, "Erase-me sentence", attachment: ConversationsApp.Pdf());
        await app.SayAsync(talk.Mentor, talk.Id, "Partner's answer quoting the erase-me sentence", replyTo: first);
        await app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = first }, talk.Mentor.As);
        await app.SendAsync(new RaiseConcern.Command { PairId = talk.Id, Category = ConcernCategory.Other, Text = "Erase-me concern" }, talk.Mentee.As);
        var kept = await app.SayAsync(talk.OtherPair.Mentor, talk.OtherPair.Id, "Another pair's message stays");
        var stored = await app.ExecuteDbContextAsync(db => db.PairMessages.Where(m => m.Id == first).Select(m => m.AttachmentStoredName!).SingleAsync());

        await app.SendAsync(new ErasePerson.Command { UserId = talk.Mentee.Id, ConfirmEmail = talk.Mentee.Email }, talk.Hr.As);

        Assert.Equal(0, await app.MessageCountAsync(talk.Id));
        Assert.False(FileExists(stored));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.MessageReports.CountAsync(r => r.PairId == talk.Id)));
        var concern = await app.ExecuteDbContextAsync(db => db.Concerns.AsNoTracking().SingleAsync(c => c.PairId == talk.Id));
        Assert.Equal("", concern.Text);
        Assert.Empty(await app.PlacesHoldingAsync("Erase-me"));
        Assert.True(await app.ExecuteDbContextAsync(db => db.PairMessages.AnyAsync(m => m.Id == kept)));
    }
}
