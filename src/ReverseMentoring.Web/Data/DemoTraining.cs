using System.Text;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// The starter training every demo program ships with: four short guides written for reverse mentoring. A resource is a
/// link or a file, so each guide is stored as a small text file (its summary in the description); the three that prepare
/// people for their first session are marked required.
/// </summary>
internal sealed partial class DemoData
{
    internal sealed record Guide(string Title, ResourceAudience Audience, bool Required, string FileName, string Summary, string Text);

    internal static readonly IReadOnlyList<Guide> StarterGuides =
    [
        new("How to mentor upward", ResourceAudience.Mentors, true, "how-to-mentor-upward.txt",
            "For junior mentors: how to teach a senior leader with confidence, set the pace and say what you see.",
            """
            HOW TO MENTOR UPWARD

            You were chosen because you know something your mentee does not. Seniority does not change that.

            1. Start from their work. Ask what they did this week that felt slow or unclear, and teach with that task,
               not with a tour of features.
            2. Let them drive. Hands on their keyboard, yours off. Showing is quick; doing is what they remember.
            3. Set the pace out loud. "Let's do one thing properly today" keeps a busy leader from skimming.
            4. Say what you see. If a habit costs them time, tell them plainly and kindly. They asked for this view.
            5. Agree what stays in the room. What you each share about your teams stays between you.
            6. Close each session with one thing to try before the next, and write it in the session log.
            """),
        new("Being mentored by a junior colleague", ResourceAudience.Mentees, true, "being-mentored-by-a-junior-colleague.txt",
            "For senior mentees: how to learn from someone junior to you, and make it safe for them to be candid.",
            """
            BEING MENTORED BY A JUNIOR COLLEAGUE

            Reverse mentoring works when the senior person is genuinely the learner.

            1. Bring a real need: a tool you avoid, a channel you do not follow, a decision you want seen from another angle.
            2. Protect the time. Moving a session tells your mentor it matters less than everything else.
            3. Make candour safe. Thank them for the uncomfortable point; never let it reach their manager as a complaint.
            4. Ask "how would you do it?" before explaining how it has always been done.
            5. Give back: your mentor learns how decisions are made at your level. Answer their questions openly.
            6. Practise between sessions and say what happened when you tried.
            """),
        new("Active listening", ResourceAudience.Both, true, "active-listening.txt",
            "For both sides: listening to understand, not to answer, in a conversation across levels.",
            """
            ACTIVE LISTENING

            1. Give the conversation your full attention: notifications off, laptop closed unless you are using it together.
            2. Let silences run. The second thing someone says is often the one that matters.
            3. Play back what you heard in your own words: "So the hard part is ... ?"
            4. Ask open questions: what, how, what else. Save "why" for when trust is there; it can sound like a challenge.
            5. Notice what is not said: hesitation about a tool or a team can be the real topic.
            6. Check at the end: "What was most useful today?"
            """),
        new("Giving feedback across levels", ResourceAudience.Both, false, "giving-feedback-across-levels.txt",
            "For both sides: how to give and take feedback when one of you is far more senior.",
            """
            GIVING FEEDBACK ACROSS LEVELS

            1. Ask first: "Can I give you some feedback on that?" Permission makes it easier to hear, in both directions.
            2. Describe the situation, what happened and its effect. Keep to what you saw, not what you assume.
            3. One point at a time. A list feels like a review.
            4. Juniors: your view of how something lands with people your age is the value you bring. Say it.
            5. Seniors: respond with curiosity, not justification. "Tell me more" keeps the feedback coming.
            6. Follow up next session: what changed, and did it help?
            """),
    ];

    private async Task EnsureStarterTrainingAsync(string coordinatorId, DateTime now, CancellationToken cancellationToken)
    {
        var names = new[] { ProgramName, OpenProgramName, PilotName };
        var programs = await db.Programs.Where(p => names.Contains(p.Name)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var programId in programs)
        {
            foreach (var guide in StarterGuides)
            {
                if (await db.Resources.AnyAsync(r => r.ProgramId == programId && r.Title == guide.Title, cancellationToken))
                {
                    continue;
                }

                var stored = await files.SaveTextAsync(guide.Text, cancellationToken);
                db.Resources.Add(new Resource
                {
                    ProgramId = programId,
                    Title = guide.Title,
                    Description = guide.Summary,
                    FileName = guide.FileName,
                    StoredFileName = stored,
                    ContentType = ResourceFiles.ContentTypes[".txt"],
                    SizeBytes = Encoding.UTF8.GetByteCount(guide.Text),
                    Audience = guide.Audience,
                    RequiredBeforeFirstSession = guide.Required,
                    AddedAtUtc = now,
                    AddedByUserId = coordinatorId,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
