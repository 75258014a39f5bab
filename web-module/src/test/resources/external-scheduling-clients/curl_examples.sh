# The external scheduling API's cURL examples as its clients use them, verbatim (test: ExternalSchedulingApiIT).
# Submit single video
curl -X POST http://localhost:5555/api/external/submit \
  -H "Content-Type: application/json" \
  -d '{
    "video_url": "https://example.com/video.mp4",
    "title": "My Video",
    "caption": "Check this out!",
    "targets": [
      {"platform": "tiktok", "account_id": "710", "scheduled_at": "2026-01-31T15:00:00Z"}
    ]
  }'

# Check status
curl http://localhost:5555/api/external/status/my-source-id

# List accounts
curl http://localhost:5555/api/external/accounts
