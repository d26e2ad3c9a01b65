/**
 * What lessons 03–05 leave behind, made with the same CLI calls those lessons use (with
 * `{{placeholders}}`): the ECR repository with an image tagged latest (its manifest recorded in
 * moto), the lesson-04 network by its names, and the cluster. Lessons 06–12 start from here;
 * lesson 12 after all of lesson 11 starts from lessons 03–04 only (its first starting point).
 */
const manifest = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1469, digest: `sha256:${'1'.repeat(64)}` },
  layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 2155, digest: `sha256:${'4'.repeat(64)}` }],
});

export const seedLessons03to04 = `aws ecr create-repository --region {{region}} --repository-name {{repository}} > /dev/null
aws ecr put-image --region {{region}} --repository-name {{repository}} --image-tag latest --image-manifest '${manifest}' > /dev/null
VPC_ID=$(aws ec2 create-vpc --region {{region}} --cidr-block 10.0.0.0/20 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value={{vpcName}}}]' --query Vpc.VpcId --output text)
aws ec2 modify-vpc-attribute --region {{region}} --vpc-id $VPC_ID --enable-dns-hostnames Value=true
AZ_A=$(aws ec2 describe-availability-zones --region {{region}} --filters Name=state,Values=available --query 'AvailabilityZones[0].ZoneName' --output text)
AZ_C=$(aws ec2 describe-availability-zones --region {{region}} --filters Name=state,Values=available --query 'AvailabilityZones[1].ZoneName' --output text)
subnet() { aws ec2 create-subnet --region {{region}} --vpc-id $VPC_ID --availability-zone $1 --cidr-block $2 --tag-specifications "ResourceType=subnet,Tags=[{Key=Name,Value={{vpcName}}-$3}]" --query Subnet.SubnetId --output text; }
PRIVATE_A=$(subnet $AZ_A 10.0.0.0/24 private-a); PUBLIC_A=$(subnet $AZ_A 10.0.1.0/24 public-a)
PRIVATE_C=$(subnet $AZ_C 10.0.2.0/24 private-c); PUBLIC_C=$(subnet $AZ_C 10.0.3.0/24 public-c)
IGW_ID=$(aws ec2 create-internet-gateway --region {{region}} --query InternetGateway.InternetGatewayId --output text)
aws ec2 attach-internet-gateway --region {{region}} --internet-gateway-id $IGW_ID --vpc-id $VPC_ID
PUBLIC_RT=$(aws ec2 create-route-table --region {{region}} --vpc-id $VPC_ID --query RouteTable.RouteTableId --output text)
aws ec2 create-route --region {{region}} --route-table-id $PUBLIC_RT --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW_ID > /dev/null
aws ec2 associate-route-table --region {{region}} --route-table-id $PUBLIC_RT --subnet-id $PUBLIC_A > /dev/null
aws ec2 associate-route-table --region {{region}} --route-table-id $PUBLIC_RT --subnet-id $PUBLIC_C > /dev/null
PRIVATE_RT=$(aws ec2 create-route-table --region {{region}} --vpc-id $VPC_ID --query RouteTable.RouteTableId --output text)
aws ec2 associate-route-table --region {{region}} --route-table-id $PRIVATE_RT --subnet-id $PRIVATE_A > /dev/null
aws ec2 associate-route-table --region {{region}} --route-table-id $PRIVATE_RT --subnet-id $PRIVATE_C > /dev/null
ALB_SG=$(aws ec2 create-security-group --region {{region}} --vpc-id $VPC_ID --group-name {{albSecurityGroup}} --description {{albSecurityGroup}} --query GroupId --output text)
aws ec2 authorize-security-group-ingress --region {{region}} --group-id $ALB_SG --protocol tcp --port 80 --cidr 0.0.0.0/0 > /dev/null
TASK_SG=$(aws ec2 create-security-group --region {{region}} --vpc-id $VPC_ID --group-name {{taskSecurityGroup}} --description tasks --query GroupId --output text)
aws ec2 authorize-security-group-ingress --region {{region}} --group-id $TASK_SG --protocol tcp --port 3000 --source-group $ALB_SG > /dev/null
test -n "$TASK_SG" && test -n "$PUBLIC_C"`;

/** The same and lesson 05's cluster. */
export const seedLessons03to05 = `${seedLessons03to04} && aws ecs create-cluster --region {{region}} --cluster-name {{cluster}} --capacity-providers FARGATE > /dev/null`;
