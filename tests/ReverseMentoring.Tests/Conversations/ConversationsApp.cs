using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Conversations;

/// <summary>
/// The app on a clock the tests move (9:00 UTC today at first), with the message e-mail and retention jobs run by the
/// tests when they choose, and a few sharp helpers for pairs that talk.
/// </summary>
public sealed class ConversationsApp : AppFactory
{
    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");

    public ConversationsApp()
    {
        With("Jobs:MessageMail:Enabled", "false");
        With("Jobs:ConversationRetention:Enabled", "false");
    }

    public TestClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));

    public DateTime Now => Clock.Now.UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public void Advance(TimeSpan by) => Clock.Now += by;

    public Task<int> RunMessageMailAsync() => new MessageMail(
        Services.GetRequiredService<IServiceScopeFactory>(), Services.GetRequiredService<IOptionsMonitor<JobOptions>>(), Clock,
        NullLogger<MessageMail>.Instance).SendAsync(CancellationToken.None);

    public Task<int> RunRetentionAsync() => new ConversationRetention(
        Services.GetRequiredService<IServiceScopeFactory>(), Services.GetRequiredService<IOptionsMonitor<JobOptions>>(), Clock,
        NullLogger<ConversationRetention>.Instance).DeleteExpiredAsync(CancellationToken.None);

    /// <summary>An active pair of a running program with an HR coordinator of its own, and a mentor of another pair.</summary>
    public async Task<TalkingPair> PairAsync(MentoringProgram? program = null, PairStatus status = PairStatus.Accepted)
    {
        program ??= await this.ProgramAsync(ProgramStatus.Running);
        var pair = await this.PairAsync(program, status,
            mentorName: TestData.Unique("Mentor"), menteeName: TestData.Unique("Mentee"));
        var hr = await this.PersonAsync(Roles.HrCoordinator, TestData.Unique("Coordinator"));
        await ExecuteDbContextAsync(async db =>
        {
            db.ProgramCoordinators.Add(new ProgramCoordinator { ProgramId = program.Id, UserId = hr.Id, AddedAtUtc = Now });
            await db.SaveChangesAsync();
        });
        var other = await this.PairAsync(program, mentorName: TestData.Unique("Outsider"), menteeName: TestData.Unique("Other mentee"));
        return new TalkingPair(pair, hr, other.Mentor, other);
    }

    public Task<int> SayAsync(Person from, int pairId, string text, int? replyTo = null, IFormFile? attachment = null) =>
        SendAsync(new PostMessage.Command { PairId = pairId, Text = text, ReplyToId = replyTo, Attachment = attachment }, from.As);

    public static IFormFile Pdf(string name = "notes.pdf") =>
        new FormFile(new MemoryStream(PdfBytes), 0, PdfBytes.Length, "Data.Attachment", name) { Headers = new HeaderDictionary() };

    public Task<int> MessageCountAsync(int pairId) =>
        ExecuteDbContextAsync(db => db.PairMessages.CountAsync(m => m.PairId == pairId));

    public Task<IReadOnlyDictionary<int, int>> UnreadAsync(Person person) =>
        ExecuteDbContextAsync(db => PairMessages.UnreadByPairAsync(db, person.Id, CancellationToken.None));

    public string UploadFolder => Services.GetRequiredService<ReverseMentoring.Web.Features.Resources.ResourceFiles>().Folder;

    public Task<List<OutboxMessage>> MessageMailsToAsync(Person person) =>
        ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Key.StartsWith($"pair-messages:{person.Id}:")).OrderBy(m => m.Id).ToListAsync());
}

/// <summary>A pair, the HR coordinator of its program, and someone of another pair of the same program.</summary>
public sealed record TalkingPair(TestPair Pair, Person Hr, Person Outsider, TestPair OtherPair)
{
    public int Id => Pair.Id;

    public Person Mentor => Pair.Mentor;

    public Person Mentee => Pair.Mentee;
}
