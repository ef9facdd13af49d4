using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SkillStages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GrowthAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgramId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    RetiredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrowthAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrowthAreas_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LeadershipTraitRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgramId = table.Column<int>(type: "int", nullable: false),
                    PairId = table.Column<int>(type: "int", nullable: false),
                    MentorEnrolmentId = table.Column<int>(type: "int", nullable: false),
                    MenteeEnrolmentId = table.Column<int>(type: "int", nullable: false),
                    Coaching = table.Column<int>(type: "int", nullable: true),
                    Clarity = table.Column<int>(type: "int", nullable: true),
                    Patience = table.Column<int>(type: "int", nullable: true),
                    Initiative = table.Column<int>(type: "int", nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadershipTraitRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadershipTraitRatings_Enrolments_MenteeEnrolmentId",
                        column: x => x.MenteeEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LeadershipTraitRatings_Enrolments_MentorEnrolmentId",
                        column: x => x.MentorEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LeadershipTraitRatings_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LeadershipTraitRatings_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SkillCheckpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PairId = table.Column<int>(type: "int", nullable: false),
                    EnrolmentId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SkillCheckpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SkillCheckpoints_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrowthRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgramId = table.Column<int>(type: "int", nullable: false),
                    PairId = table.Column<int>(type: "int", nullable: false),
                    EnrolmentId = table.Column<int>(type: "int", nullable: false),
                    GrowthAreaId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    RatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrowthRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrowthRatings_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrowthRatings_GrowthAreas_GrowthAreaId",
                        column: x => x.GrowthAreaId,
                        principalTable: "GrowthAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrowthRatings_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrowthRatings_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrowthAreas_ProgramId_SortOrder",
                table: "GrowthAreas",
                columns: new[] { "ProgramId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_GrowthRatings_EnrolmentId",
                table: "GrowthRatings",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_GrowthRatings_GrowthAreaId",
                table: "GrowthRatings",
                column: "GrowthAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_GrowthRatings_PairId_EnrolmentId_GrowthAreaId_Stage",
                table: "GrowthRatings",
                columns: new[] { "PairId", "EnrolmentId", "GrowthAreaId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrowthRatings_ProgramId_GrowthAreaId_Stage",
                table: "GrowthRatings",
                columns: new[] { "ProgramId", "GrowthAreaId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadershipTraitRatings_MenteeEnrolmentId",
                table: "LeadershipTraitRatings",
                column: "MenteeEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadershipTraitRatings_MentorEnrolmentId",
                table: "LeadershipTraitRatings",
                column: "MentorEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadershipTraitRatings_PairId",
                table: "LeadershipTraitRatings",
                column: "PairId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadershipTraitRatings_ProgramId",
                table: "LeadershipTraitRatings",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_SkillCheckpoints_PairId_EnrolmentId_Stage",
                table: "SkillCheckpoints",
                columns: new[] { "PairId", "EnrolmentId", "Stage" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrowthRatings");

            migrationBuilder.DropTable(
                name: "LeadershipTraitRatings");

            migrationBuilder.DropTable(
                name: "SkillCheckpoints");

            migrationBuilder.DropTable(
                name: "GrowthAreas");
        }
    }
}
