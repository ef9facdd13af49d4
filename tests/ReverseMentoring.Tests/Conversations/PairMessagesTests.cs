using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Conversations;

public sealed class PairMessagesTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    private static string MessagesOf(int pairId) => $"/Participant/Pairs/{pairId}/Messages";

    [Fact]
    public async Task Partners_write_in_threads_and_see_replies_under_the_message_they_answer()
    {
        var talk = await app.PairAsync();
        var first = await app.SayAsync(talk.Mentor, talk.Id, "Shall we try the AI assistant next time?");
        var reply = await app.SayAsync(talk.Mentee, talk.Id, "Yes, I would like that.", replyTo: first);
        var replyToReply = await app.SayAsync(talk.Mentor, talk.Id, "Great, I will bring examples.", replyTo: reply);
        await app.SayAsync(talk.Mentee, talk.Id, "A separate topic: slides.");

        var view = await app.SendAsync(new PairMessages.Query(talk.Id), talk.Mentee.As);

        Assert.Equal(2, view.Threads.Count);
        var thread = Assert.Single(view.Threads, t => t.First.Id == first);
        Assert.Equal([reply, replyToReply], thread.Replies.Select(r => r.Id));
        Assert.True(thread.Replies[0].Mine);
        Assert.Equal("You", thread.Replies[0].AuthorName);
        Assert.True(view.CanWrite);
    }

    [Fact]
    public async Task A_message_is_posted_through_the_page_encoded_with_its_links_clickable_and_safe()
    {
        var talk = await app.PairAsync();
        var client = await app.SignedInClientAsync(talk.Mentor.User);

        var response = await client.PostFormAsync(MessagesOf(talk.Id), new()
        {
            ["Data.Text"] = "See https://example.com/guide?a=1&b=2. <script>alert('x')</script> and javascript:alert(1)",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await (await app.SignedInClientAsync(talk.Mentee.User)).GetHtmlAsync(MessagesOf(talk.Id));
        Assert.Contains("<a href=\"https://example.com/guide?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\"", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.DoesNotContain("href=\"javascript:", html);
    }

    [Fact]
    public async Task Unread_counts_go_down_when_the_partner_reads_and_the_authors_own_messages_are_never_unread()
    {
        var talk = await app.PairAsync();
        await app.SayAsync(talk.Mentor, talk.Id, "One");
        await app.SayAsync(talk.Mentor, talk.Id, "Two");

        Assert.Equal(2, (await app.UnreadAsync(talk.Mentee))[talk.Id]);
        Assert.Equal(0, (await app.UnreadAsync(talk.Mentor))[talk.Id]);

        var html = await (await app.SignedInClientAsync(talk.Mentee.User)).GetHtmlAsync(MessagesOf(talk.Id));
        Assert.Contains(">New<", html);
        Assert.Equal(0, (await app.UnreadAsync(talk.Mentee))[talk.Id]);

        app.Advance(TimeSpan.FromMinutes(1));
        await app.SayAsync(talk.Mentor, talk.Id, "Three");
        Assert.Equal(1, (await app.UnreadAsync(talk.Mentee))[talk.Id]);
        Assert.DoesNotContain(talk.OtherPair.Id, (await app.UnreadAsync(talk.Mentee)).Keys);
    }

    [Fact]
    public async Task A_file_goes_with_a_message_and_only_the_pairs_two_people_can_download_it()
    {
        var talk = await app.PairAsync();
        var id = await app.SayAsync(talk.Mentee, talk.Id, "The slides", attachment: ConversationsApp.Pdf("slides <1>.pdf"));
        var url = $"/Participant/Pairs/{talk.Id}/Messages/{id}/Attachment";

        foreach (var person in new[] { talk.Mentor, talk.Mentee })
        {
            var response = await (await app.SignedInClientAsync(person.User)).GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ConversationsApp.PdfBytes, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }

        var outsider = await (await app.SignedInClientAsync(talk.Outsider.User)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        var throughOwnPair = await (await app.SignedInClientAsync(talk.Outsider.User))
            .GetAsync(new Uri($"/Participant/Pairs/{talk.OtherPair.Id}/Messages/{id}/Attachment", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, throughOwnPair.StatusCode);
        var hr = await (await app.SignedInClientAsync(talk.Hr.User)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, hr.StatusCode);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new DownloadAttachment.Query(talk.Id, id), talk.Hr.As));

        var stored = await app.ExecuteDbContextAsync(db => db.PairMessages.Where(m => m.Id == id).Select(m => m.AttachmentStoredName).SingleAsync());
        Assert.True(File.Exists(Path.Combine(app.UploadFolder, stored!)));
        Assert.DoesNotContain("wwwroot", app.UploadFolder, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Someone_outside_the_pair_gets_404_for_its_messages_posting_reporting_and_concerns()
    {
        var talk = await app.PairAsync();
        var message = await app.SayAsync(talk.Mentor, talk.Id, "Private to us");
        var outsider = talk.Outsider.As;

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new PairMessages.Query(talk.Id), outsider));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new PairMessages.MarkRead(talk.Id), outsider));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SayAsync(talk.Outsider, talk.Id, "Let me in"));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = message }, outsider));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RaiseConcern.Query(talk.Id), outsider));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(
            new RaiseConcern.Command { PairId = talk.Id, Category = ConcernCategory.Tone, Text = "Not my pair" }, outsider));

        // Through the outsider's own pair, a message of another pair is not found either.
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ReportMessage.Command { PairId = talk.OtherPair.Id, MessageId = message }, outsider));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SayAsync(talk.Outsider, talk.OtherPair.Id, "A reply across pairs", replyTo: message));

        var client = await app.SignedInClientAsync(talk.Outsider.User);
        foreach (var page in new[] { MessagesOf(talk.Id), $"/Participant/Pairs/{talk.Id}/Concern" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);
        }

        Assert.Equal(1, await app.MessageCountAsync(talk.Id));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.MessageReports.CountAsync(r => r.PairId == talk.Id || r.PairId == talk.OtherPair.Id)));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.Concerns.CountAsync(c => c.PairId == talk.Id)));
    }

    [Theory]
    [InlineData("", "Write a message.")]
    [InlineData("   ", "Write a message.")]
    [InlineData("TOO_LONG", "A message has at most 4,000 characters; this one has 4,001. Shorten it or send it in parts.")]
    public async Task An_empty_or_too_long_message_is_refused_next_to_the_field_and_nothing_is_saved(string text, string error)
    {
        var talk = await app.PairAsync();
        var client = await app.SignedInClientAsync(talk.Mentor.User);

        var response = await client.PostFormAsync(MessagesOf(talk.Id), new() { ["Data.Text"] = text == "TOO_LONG" ? new string('x', 4001) : text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Text"));
        Assert.Equal(0, await app.MessageCountAsync(talk.Id));
    }

    [Theory]
    [InlineData("tool.exe", null, "Files of type .exe cannot be added.")]
    [InlineData("fake.pdf", "not a pdf", "content is not a PDF file")]
    public async Task A_file_of_a_refused_type_is_refused_next_to_the_field_and_nothing_is_saved(string name, string? content, string error)
    {
        var talk = await app.PairAsync();
        var client = await app.SignedInClientAsync(talk.Mentor.User);
        var before = Directory.Exists(app.UploadFolder) ? Directory.GetFiles(app.UploadFolder).Length : 0;

        var response = await client.PostMultipartAsync(MessagesOf(talk.Id), new() { ["Data.Text"] = "Here it is" },
            "Data.Attachment", name, content is null ? [0x4D, 0x5A, 0x90] : System.Text.Encoding.ASCII.GetBytes(content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Attachment"));
        Assert.Equal(0, await app.MessageCountAsync(talk.Id));
        Assert.Equal(before, Directory.Exists(app.UploadFolder) ? Directory.GetFiles(app.UploadFolder).Length : 0);
    }

    [Fact]
    public async Task A_file_larger_than_the_resource_limit_is_refused()
    {
        var talk = await app.PairAsync();
        var big = new byte[11 * 1024 * 1024];
        ConversationsApp.PdfBytes.CopyTo(big, 0);
        var file = new FormFile(new MemoryStream(big), 0, big.Length, "Data.Attachment", "big.pdf") { Headers = new HeaderDictionary() };

        var refusal = await TestData.RefusalAsync(() => app.SayAsync(talk.Mentor, talk.Id, "Big one", attachment: file), nameof(PostMessage.Command.Attachment));

        Assert.Contains("files may be at most 10 MB", refusal);
        Assert.Equal(0, await app.MessageCountAsync(talk.Id));
    }

    [Fact]
    public async Task An_ended_pair_reads_its_messages_but_writes_no_more_and_a_proposed_pair_has_none()
    {
        var talk = await app.PairAsync();
        await app.SayAsync(talk.Mentor, talk.Id, "Before the end");
        await app.ExecuteDbContextAsync(async db =>
        {
            await db.Pairs.Where(p => p.Id == talk.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PairStatus.Ended));
        });

        var view = await app.SendAsync(new PairMessages.Query(talk.Id), talk.Mentee.As);
        Assert.False(view.CanWrite);
        Assert.Single(view.Threads);
        var refusal = await TestData.RefusalAsync(() => app.SayAsync(talk.Mentee, talk.Id, "After the end"), "");
        Assert.NotNull(refusal);
        Assert.Equal(1, await app.MessageCountAsync(talk.Id));

        var proposed = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Matching), PairStatus.Proposed);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new PairMessages.Query(proposed.Id), proposed.Mentor.As));
    }

    [Fact]
    public async Task Reporting_a_message_twice_is_refused_and_the_reason_has_a_limit()
    {
        var talk = await app.PairAsync();
        var message = await app.SayAsync(talk.Mentee, talk.Id, "Something rude");
        await app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = message, Reason = "Rude" }, talk.Mentor.As);

        var again = await TestData.RefusalAsync(() => app.SendAsync(new ReportMessage.Command { PairId = talk.Id, MessageId = message }, talk.Mentor.As), "Reason");
        var tooLong = await TestData.RefusalAsync(() => app.SendAsync(
            new ReportMessage.Command { PairId = talk.Id, MessageId = message, Reason = new string('r', 1001) }, talk.Mentee.As), "Reason");

        Assert.Equal("You reported this message to HR already.", again);
        Assert.Equal("A reason has at most 1,000 characters.", tooLong);
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.MessageReports.CountAsync(r => r.MessageId == message)));
    }

    [Fact]
    public async Task The_audit_log_records_a_message_without_its_text_or_file_name()
    {
        var talk = await app.PairAsync();
        var id = await app.SayAsync(talk.Mentor, talk.Id, "Audit must not hold this sentence", attachment: ConversationsApp.Pdf("secret-plan.pdf"));

        var entry = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Entity == nameof(PairMessage) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("Added", entry.Action);
        Assert.Equal(talk.Pair.ProgramId, entry.ProgramId);
        Assert.DoesNotContain("Audit must not hold", entry.Changes);
        Assert.DoesNotContain("secret-plan", entry.Changes);
        Assert.Contains(AuditRedactedAttribute.Placeholder, entry.Changes);
    }
}
