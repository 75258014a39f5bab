# The external scheduling API's Python client example as its clients use it, verbatim (test: ExternalSchedulingApiIT).
import requests
from datetime import datetime, timedelta

MEDIAPOSTER_URL = "http://localhost:5555"

def submit_video(video_url: str, title: str, caption: str, platforms: list):
    """Submit a video for scheduled posting."""
    
    # Build targets - schedule 1 hour apart
    base_time = datetime.utcnow() + timedelta(hours=1)
    targets = []
    
    for i, (platform, account_id) in enumerate(platforms):
        targets.append({
            "platform": platform,
            "account_id": account_id,
            "scheduled_at": (base_time + timedelta(hours=i)).isoformat() + "Z"
        })
    
    response = requests.post(
        f"{MEDIAPOSTER_URL}/api/external/submit",
        json={
            "video_url": video_url,
            "title": title,
            "caption": caption,
            "hashtags": ["#ai", "#content"],
            "targets": targets,
            "source_system": "my-pipeline"
        }
    )
    
    return response.json()

# Example usage
result = submit_video(
    video_url="https://storage.example.com/video.mp4",
    title="AI Generated Video",
    caption="Check out this AI-generated content!",
    platforms=[
        ("tiktok", "710"),
        ("youtube", "228"),
        ("instagram", "807")
    ]
)

print(f"Scheduled {len(result['scheduled_posts'])} posts")
