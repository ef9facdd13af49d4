using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

/// <summary>A mentee who sends the request form twice at once ends with one set of requests, never two.</summary>
public sealed class DoubleSubmitTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Two_submissions_at_once_save_one_set_of_requests_and_e_mail_the_first_mentor_once()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (first, a) = await app.MentorInAsync(program);
        var (_, b) = await app.MentorInAsync(program);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await app.AskAsync(program, mentee, a.Id, b.Id);
                return "saved";
            }
            catch (RequestValidationException refused)
            {
                return refused.Failures.Single().ErrorMessage;
            }
            catch (Exception busy) when (busy is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
            {
                // SQLite lets one writer in at a time; a writer that gives up has saved nothing.
                return "busy";
            }
        })));

        Assert.Single(outcomes, o => o == "saved");
        Assert.All(outcomes.Where(o => o != "saved"), o => Assert.Contains(o, new[] { RequestMentors.OpenRequestsMessage, "busy" }));
        var requests = await app.RequestsOfAsync(menteeEnrolment.Id);
        Assert.Equal([a.Id, b.Id], requests.Select(r => r.MentorEnrolmentId).ToList());
        Assert.Single(app.MailTo(first.Email));
    }
}
