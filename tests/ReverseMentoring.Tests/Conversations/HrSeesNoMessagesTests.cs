using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Features.Pairs;

namespace ReverseMentoring.Tests.Conversations;

public sealed class HrSeesNoMessagesTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    /// <summary>Every page HR has that shows this pair or its program, the downloads included.</summary>
    private static IEnumerable<string> HrPagesOf(TalkingPair talk)
    {
        var program = talk.Pair.ProgramId;
        yield return $"/Programs/{program}/Pairs/{talk.Id}";
        yield return $"/Programs/{program}/Pairs";
        yield return $"/Programs/{program}/Pairs?handler=Export";
        yield return $"/Programs/{program}/Report";
        yield return $"/Programs/{program}";
        yield return "/Coordinator?programs=all";
        yield return $"/Audit?programId={program}";
        yield return $"/People/Erase/{talk.Mentor.Id}";
    }

    private async Task<string> AllHrPagesAsync(TalkingPair talk)
    {
        var client = await app.SignedInClientAsync(talk.Hr.User);
        var pages = new List<string>();
        foreach (var url in HrPagesOf(talk))
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            pages.Add(await response.Content.ReadAsStringAsync());
        }

        return string.Join("\n", pages);
    }

    [Fact]
    public async Task Hr_sees_no_message_text_on_any_page_of_the_pair_and_nothing_to_act_on()
    {
        var talk = await app.PairAsync();
        await app.SayAsync(talk.Mentor, talk.Id, "Mentor's private sentence about the quarterly plan");
        await app.SayAsync(talk.Mentee, talk.Id, "Mentee's private answer with https://example.com/private-link");

        var html = await AllHrPagesAsync(talk);

        Assert.DoesNotContain("private sentence", html);
        Assert.DoesNotContain("private answer", html);
        Assert.DoesNotContain("private-link", html);
        var details = await app.SendAsync(new ProgramPairDetails.Query(talk.Pair.ProgramId, talk.Id), talk.Hr.As);
        Assert.Empty(details.ReportedMessages);
        var todo = await app.ExecuteDbContextAsync(db => CoordinatorToDo.ItemsAsync(db, [talk.Pair.ProgramId], app.Now, CancellationToken.None));
        Assert.DoesNotContain(todo, i => i.Kind == ToDoKind.MessageReported);
    }

    [Fact]
    public async Task Hr_reads_a_reported_message_alone_with_its_author_time_and_reason_and_it_is_on_the_to_do_list()
    {
        var talk = await app.PairAsync();
        var rude = await app.SayAsync(talk.Mentee, talk.Id, "You are only a junior, do as I say");
        await app.SayAsync(talk.Mentee, talk.Id, "An unreported sentence that stays between them");
        await app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = rude, Reason = "Talks down to me" }, talk.Mentor.As);

        var html = await AllHrPagesAsync(talk);

        Assert.Contains("You are only a junior, do as I say", html);
        Assert.Contains("Talks down to me", html);
        Assert.DoesNotContain("An unreported sentence", html);
        var details = await app.SendAsync(new ProgramPairDetails.Query(talk.Pair.ProgramId, talk.Id), talk.Hr.As);
        var report = Assert.Single(details.ReportedMessages);
        Assert.Equal(talk.Mentee.User.DisplayName, report.Author);
        Assert.Equal(talk.Mentor.User.DisplayName, report.ReportedBy);
        Assert.Equal(app.Now, report.WrittenAtUtc);

        var todo = await app.ExecuteDbContextAsync(db => CoordinatorToDo.ItemsAsync(db, [talk.Pair.ProgramId], app.Now, CancellationToken.None));
        var item = Assert.Single(todo, i => i.Kind == ToDoKind.MessageReported);
        Assert.Equal($"/Programs/{talk.Pair.ProgramId}/Pairs/{talk.Id}", item.Link);
        Assert.DoesNotContain("junior", item.Detail);

        // The partner who wrote it is not told.
        var authorView = await (await app.SignedInClientAsync(talk.Mentee.User)).GetHtmlAsync($"/Participant/Pairs/{talk.Id}/Messages");
        Assert.DoesNotContain("reported this message", authorView);
    }

    [Fact]
    public async Task Hr_marks_a_report_dealt_with_and_it_leaves_the_to_do_list_but_stays_readable()
    {
        var talk = await app.PairAsync();
        var message = await app.SayAsync(talk.Mentor, talk.Id, "Reported then dealt with");
        await app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = message }, talk.Mentee.As);
        var reportId = await app.ExecuteDbContextAsync(db => db.MessageReports.Where(r => r.MessageId == message).Select(r => r.Id).SingleAsync());

        await app.SendAsync(new HandleMessageReport.Command(talk.Pair.ProgramId, talk.Id, reportId), talk.Hr.As);

        var todo = await app.ExecuteDbContextAsync(db => CoordinatorToDo.ItemsAsync(db, [talk.Pair.ProgramId], app.Now, CancellationToken.None));
        Assert.DoesNotContain(todo, i => i.Kind == ToDoKind.MessageReported);
        var details = await app.SendAsync(new ProgramPairDetails.Query(talk.Pair.ProgramId, talk.Id), talk.Hr.As);
        Assert.NotNull(Assert.Single(details.ReportedMessages).HandledAtUtc);
    }
}
