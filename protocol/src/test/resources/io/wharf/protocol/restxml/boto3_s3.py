"""boto3 against the REST-XML gateway with a fake S3 (RestXml's BotoS3Test runs this). Prints one line per check."""
import io
import json
import sys
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
out = {}
out["buckets"] = [b["Name"] for b in s3.list_buckets()["Buckets"]]
out["put_bytes"] = s3.put_object(Bucket="bucket", Key="dir/bytes.txt", Body=b"boto bytes", Metadata={"Color": "blue"})["ETag"]
out["put_stream"] = s3.put_object(Bucket="bucket", Key="stream.txt", Body=io.BytesIO(b"boto stream"))["ETag"]
got = s3.get_object(Bucket="bucket", Key="k")
out["get"] = got["Body"].read().decode()
out["get_metadata"] = got["Metadata"]
out["get_last_modified"] = got["LastModified"].isoformat()
try:
    s3.head_object(Bucket="bucket", Key="missing")
    out["head_missing"] = "no error"
except ClientError as e:
    out["head_missing"] = e.response["Error"]["Code"]
try:
    s3.delete_object(Bucket="bucket", Key="gone")
    out["delete_missing"] = "no error"
except ClientError as e:
    out["delete_missing"] = e.response["Error"]["Code"] + " " + e.response["Error"]["Message"]
listed = s3.list_objects_v2(Bucket="bucket", Prefix="a/", Delimiter="/")
out["list_keys"] = [o["Key"] for o in listed["Contents"]]
out["list_prefixes"] = [p["Prefix"] for p in listed["CommonPrefixes"]]
out["deleted"] = [d["Key"] for d in s3.delete_objects(Bucket="bucket", Delete={"Objects": [{"Key": "x"}, {"Key": "y"}]})["Deleted"]]
upload = s3.create_multipart_upload(Bucket="bucket", Key="big")["UploadId"]
out["upload_part"] = s3.upload_part(Bucket="bucket", Key="big", UploadId=upload, PartNumber=1, Body=b"part")["ETag"]
out["location"] = s3.get_bucket_location(Bucket="bucket")["LocationConstraint"]
url = s3.generate_presigned_url("get_object", Params={"Bucket": "bucket", "Key": "shared.txt"}, ExpiresIn=300)
out["presigned"] = urllib.request.urlopen(url).read().decode()
try:
    s3.get_bucket_acl(Bucket="bucket")
    out["acl"] = "no error"
except ClientError as e:
    out["acl"] = e.response["Error"]["Code"] + " " + str(e.response["ResponseMetadata"]["HTTPStatusCode"])
print(json.dumps(out, sort_keys=True))
